import type { Directory } from '../directory/directory.js';
import { TandemError } from '../errors.js';
import type { FormControl, FormDefinition, ProcessDefinition, ProcessValue } from './definition-types.js';
import { parseExpression, type Expr } from './expression/index.js';
import { templateNames } from './template.js';

/** Who is looking: the user and the security specifications that include the user. */
export interface WorkItemViewer {
  userId: string;
  specifications: ReadonlySet<string>;
}

/** A required field the viewer may not see: the reason the work item goes on hold. */
export interface BlockedField {
  controlId: string;
  variable: string;
  specification: string;
}

export interface WorkItemView {
  /** The form with the controls (and validation rules) the viewer may not see left out. */
  form: FormDefinition;
  /** Values of the variables the remaining controls show. */
  values: Record<string, ProcessValue>;
  /** Variables the viewer may change on save and submit; anything else is refused. */
  editable: string[];
  /** Controls left out. */
  hidden: string[];
  blocked: BlockedField[];
  /** True when a required field is secured against the viewer: the item must go on hold. */
  onHold: boolean;
  holdMessage: string | null;
}

export const SECURED_REQUIRED_MESSAGE =
  'You cannot see this work item because you do not have access to the required data';

/**
 * What a user may see of a work item. A control bound to a variable with a security specification
 * that does not include the viewer is left out with its value when not required; when required,
 * nothing is shown and `onHold` says the item must be held, with the reason. Values of secured
 * variables never appear in the answer for such a viewer. Throws `NOT_FOUND` for an unknown form.
 */
export function workItemView(input: {
  definition: ProcessDefinition;
  formId: string;
  values: Record<string, ProcessValue>;
  viewer: WorkItemViewer;
}): WorkItemView {
  const { definition, viewer } = input;
  const form = definition.forms.find((f) => f.id === input.formId);
  if (!form) throw new TandemError('NOT_FOUND', `form ${input.formId} is not in definition ${definition.id}`);
  const denied = new Map<string, string>();
  for (const v of definition.variables) {
    if (v.securitySpecification && !viewer.specifications.has(v.securitySpecification))
      denied.set(v.name, v.securitySpecification);
  }
  const controls = form.pages.flatMap((p) => p.controls);
  const hiddenControl = (c: FormControl) =>
    (c.variable !== undefined && denied.has(c.variable)) || templateNames(c.text ?? '').some((n) => denied.has(n.name));
  const blocked: BlockedField[] = controls
    .filter((c) => c.required && c.variable !== undefined && denied.has(c.variable))
    .map((c) => ({
      controlId: c.id,
      variable: c.variable as string,
      specification: denied.get(c.variable as string) as string,
    }));
  if (blocked.length > 0) {
    const empty = { ...form, pages: form.pages.map((p) => ({ ...p, controls: [] })), validations: [] };
    return {
      form: empty,
      values: {},
      editable: [],
      hidden: controls.map((c) => c.id),
      blocked,
      onHold: true,
      holdMessage: holdMessage(blocked),
    };
  }
  const visibleForm: FormDefinition = {
    ...form,
    pages: form.pages.map((p) => ({ ...p, controls: p.controls.filter((c) => !hiddenControl(c)) })),
    validations: form.validations.filter((r) => !usesAny(r.rule, denied)),
  };
  const editable = [
    ...new Set(visibleForm.pages.flatMap((p) => p.controls).flatMap((c) => (c.variable ? [c.variable] : []))),
  ];
  const values = Object.fromEntries(editable.map((name) => [name, input.values[name] ?? null]));
  const hidden = controls.filter(hiddenControl).map((c) => c.id);
  return { form: visibleForm, values, editable, hidden, blocked: [], onHold: false, holdMessage: null };
}

function holdMessage(blocked: BlockedField[]): string {
  const fields = blocked.map((b) => `${b.controlId} (security specification ${b.specification})`).join(', ');
  return `${SECURED_REQUIRED_MESSAGE}: ${fields}`;
}

function usesAny(source: string, names: ReadonlyMap<string, string>): boolean {
  const parsed = parseExpression(source);
  if (!parsed.ok) return true;
  const found: string[] = [];
  collectVariables(parsed.value, found);
  return found.some((n) => names.has(n));
}

/** The variable names an expression reads. */
export function collectVariables(expr: Expr, into: string[]): void {
  switch (expr.kind) {
    case 'variable':
      into.push(expr.name);
      return;
    case 'list':
      return expr.items.forEach((e) => collectVariables(e, into));
    case 'unary':
      return collectVariables(expr.operand, into);
    case 'binary':
      collectVariables(expr.left, into);
      return collectVariables(expr.right, into);
    case 'call':
      return expr.args.forEach((e) => collectVariables(e, into));
    default:
      return;
  }
}

/** The security specifications that include a user: directly, through one of its roles or one of its workgroups. */
export function specificationsOf(directory: Directory, userId: string): Set<string> {
  const user = directory.get('users', userId);
  const result = new Set<string>();
  if (!user) return result;
  for (const spec of directory.list('security-specifications')) {
    if (
      spec.users.includes(userId) ||
      spec.roles.some((r) => user.roles.includes(r)) ||
      spec.workgroups.some((w) => user.workgroups.includes(w))
    ) {
      result.add(spec.id);
    }
  }
  return result;
}

/**
 * The process variables a user may see in the monitor or the API: variables guarded by a security
 * specification that does not include the user are left out (their names listed in `hidden`).
 */
export function visibleVariables(input: {
  definition: ProcessDefinition;
  values: Record<string, ProcessValue>;
  viewer: WorkItemViewer;
}): { values: Record<string, ProcessValue>; hidden: string[] } {
  const hidden = input.definition.variables
    .filter((v) => v.securitySpecification !== undefined && !input.viewer.specifications.has(v.securitySpecification))
    .map((v) => v.name);
  const values = Object.fromEntries(Object.entries(input.values).filter(([name]) => !hidden.includes(name)));
  return { values, hidden };
}
