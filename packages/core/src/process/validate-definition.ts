import type { FieldIssue } from '../errors.js';
import type { FormControl, FormDefinition, ProcessDefinition, VariableDefinition } from './definition-types.js';
import { processDefinitionSchema } from './definition-schema.js';
import {
  checkActions,
  checkExpr,
  checkTemplate,
  issue,
  type ActionScope,
  type ValidationOptions,
} from './validate-actions.js';
import { coerceValue, variableType } from './values.js';

export type { ValidationOptions } from './validate-actions.js';

const RESERVED = new Set(['and', 'or', 'not', 'true', 'false']);

/**
 * Checks the meaning of a shape-valid definition. Every issue names the exact path of the field
 * (`states[2].actions[0].then[1].variable`); an empty list means the definition may be published.
 */
export function validateDefinition(definition: ProcessDefinition, options: ValidationOptions = {}): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const processVars = checkVariables(issues, 'variables', definition.variables, options);
  const base = { definition, options, issues, actionIds: new Map<string, string>() };
  checkNames(issues, 'inputs', definition.inputs, processVars, 'process');
  checkNames(issues, 'outputs', definition.outputs, processVars, 'process');
  checkUnique(
    issues,
    'states',
    definition.states.map((s) => s.id),
    'state',
  );
  checkUnique(
    issues,
    'tasks',
    definition.tasks.map((t) => t.id),
    'task',
  );
  checkUnique(
    issues,
    'forms',
    definition.forms.map((f) => f.id),
    'form',
  );
  const starts = definition.states.filter((s) => s.start).length;
  if (starts !== 1)
    issues.push({ path: 'states', message: `exactly one state must be the start state (found ${starts})` });
  const owners = [
    ...definition.states.map((owner, i) => ({ owner, path: `states[${i}]`, inTask: false, outputs: [] as string[] })),
    ...definition.tasks.map((owner, i) => ({ owner, path: `tasks[${i}]`, inTask: true, outputs: owner.outputs })),
  ];
  for (const { owner, path, inTask, outputs } of owners) {
    const locals = checkVariables(issues, `${path}.variables`, owner.variables, options, processVars);
    checkNames(issues, `${path}.inputs`, owner.inputs, locals, inTask ? 'task' : 'state');
    checkNames(issues, `${path}.outputs`, outputs, locals, 'task');
    const scope: ActionScope = { ...base, inTask, lookup: (n) => locals.get(n) ?? processVars.get(n) };
    checkActions(scope, `${path}.actions`, owner.actions);
  }
  const formScope: ActionScope = { ...base, inTask: false, lookup: (n) => processVars.get(n) };
  definition.forms.forEach((form, i) => checkForm(formScope, `forms[${i}]`, form));
  return issues;
}

export type ParsedDefinition = { ok: true; definition: ProcessDefinition } | { ok: false; issues: FieldIssue[] };

/** Shape check (zod) then `validateDefinition`; zod paths are written in the same bracket form. */
export function parseDefinition(json: unknown, options: ValidationOptions = {}): ParsedDefinition {
  const parsed = processDefinitionSchema.safeParse(json);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })),
    };
  }
  const issues = validateDefinition(parsed.data, options);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, definition: parsed.data };
}

/** `['states', 2, 'actions']` → `states[2].actions`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

function checkVariables(
  issues: FieldIssue[],
  path: string,
  variables: readonly VariableDefinition[],
  options: ValidationOptions,
  outer?: ReadonlyMap<string, VariableDefinition>,
): Map<string, VariableDefinition> {
  const byName = new Map<string, VariableDefinition>();
  variables.forEach((v, i) => {
    const at = `${path}[${i}]`;
    if (byName.has(v.name)) issues.push({ path: `${at}.name`, message: `duplicate variable ${v.name}` });
    if (outer?.has(v.name)) issues.push({ path: `${at}.name`, message: `${v.name} hides the process variable` });
    if (RESERVED.has(v.name.toLowerCase()))
      issues.push({ path: `${at}.name`, message: `${v.name} is a reserved word` });
    byName.set(v.name, v);
    if (v.initial !== undefined) {
      const c = coerceValue(v.initial, variableType(v));
      if (!c.ok) issues.push({ path: `${at}.initial`, message: c.message });
    }
    if (v.securitySpecification && options.securitySpecificationExists?.(v.securitySpecification) === false) {
      issues.push({
        path: `${at}.securitySpecification`,
        message: `unknown security specification ${v.securitySpecification}`,
      });
    }
  });
  return byName;
}

function checkNames(
  issues: FieldIssue[],
  path: string,
  names: readonly string[],
  known: ReadonlyMap<string, VariableDefinition>,
  owner: string,
): void {
  names.forEach((name, i) => {
    if (!known.has(name)) issues.push({ path: `${path}[${i}]`, message: `no ${owner} variable ${name}` });
  });
}

function checkUnique(issues: FieldIssue[], path: string, ids: readonly string[], what: string): void {
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    if (seen.has(id)) issues.push({ path: `${path}[${i}].id`, message: `duplicate ${what} id ${id}` });
    seen.add(id);
  });
}

function checkForm(scope: ActionScope, path: string, form: FormDefinition): void {
  checkTemplate(scope, `${path}.description`, form.description);
  checkExpr(scope, `${path}.dueDate`, form.dueDate, { base: 'DateTime', list: false });
  checkUnique(
    scope.issues,
    `${path}.buttons`,
    form.buttons.map((b) => b.id),
    'button',
  );
  const controlIds = new Set<string>();
  form.pages.forEach((page, p) =>
    page.controls.forEach((control, c) => {
      const at = `${path}.pages[${p}].controls[${c}]`;
      if (controlIds.has(control.id)) issue(scope, `${at}.id`, `duplicate control id ${control.id}`);
      controlIds.add(control.id);
      checkControl(scope, at, control);
    }),
  );
  form.validations.forEach((rule, i) => {
    checkExpr(scope, `${path}.validations[${i}].rule`, rule.rule, { base: 'Boolean', list: false });
    if (rule.control !== undefined && !controlIds.has(rule.control)) {
      issue(scope, `${path}.validations[${i}].control`, `unknown control ${rule.control}`);
    }
  });
}

function checkControl(scope: ActionScope, at: string, control: FormControl): void {
  const bound = control.kind !== 'label' && control.kind !== 'website';
  if (bound && control.variable === undefined)
    issue(scope, `${at}.variable`, `a ${control.kind} control needs a variable`);
  if (!bound && control.required) issue(scope, `${at}.required`, `a ${control.kind} control cannot be required`);
  if (control.variable !== undefined && !scope.lookup(control.variable)) {
    issue(scope, `${at}.variable`, `unknown variable ${control.variable}`);
  }
  if (control.kind === 'dropdown' && !control.options?.length)
    issue(scope, `${at}.options`, 'a drop-down needs options');
  if (control.kind === 'website' && !control.text) issue(scope, `${at}.text`, 'a website control needs an address');
  if (control.text !== undefined) checkTemplate(scope, `${at}.text`, control.text);
}
