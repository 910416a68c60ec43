import type {
  Action,
  BaseType,
  ExitPath,
  FormButton,
  FormControl,
  FormDefinition,
  ProcessValue,
  StateDefinition,
  VariableDefinition,
} from '../definition-types.js';

/** A process variable with the format's defaults (not a list, not logged to reporting). */
export function variable(
  name: string,
  type: BaseType,
  extra: { logToReporting?: boolean; initial?: ProcessValue; description?: string } = {},
): VariableDefinition {
  return { name, type, list: false, logToReporting: extra.logToReporting ?? false, ...withoutLog(extra) };
}

function withoutLog(extra: { initial?: ProcessValue; description?: string }) {
  return {
    ...(extra.initial !== undefined ? { initial: extra.initial } : {}),
    ...(extra.description !== undefined ? { description: extra.description } : {}),
  };
}

/** A state without local variables or inputs. */
export function state(id: string, actions: Action[], start = false): StateDefinition {
  return { id, name: id.replace(/([a-z])([A-Z])/g, '$1 $2'), start, variables: [], inputs: [], actions };
}

export const assign = (id: string, variableName: string, expression: string): Action => ({
  id,
  kind: 'assign',
  variable: variableName,
  expression,
});

export const changeState = (id: string, target: string): Action => ({
  id,
  kind: 'changeState',
  state: target,
  inputs: {},
});

export const endProcess = (id: string): Action => ({ id, kind: 'endProcess' });

export const exit = (button: string, actions: Action[]): ExitPath => ({ button, actions });

/** A control bound to `variableName`, labelled with its words (`LoanAmount` → `Loan Amount`). */
export function control(
  kind: FormControl['kind'],
  variableName: string,
  extra: { required?: boolean; options?: string[]; label?: string } = {},
): FormControl {
  return {
    id: `c${variableName}`,
    kind,
    label: extra.label ?? variableName.replace(/([a-z])([A-Z])/g, '$1 $2'),
    variable: variableName,
    required: extra.required ?? false,
    ...(extra.options ? { options: extra.options } : {}),
  };
}

export const button = (id: string, validates = true): FormButton => ({ id, label: id, validates });

/** A one-page form. */
export function form(
  parts: Pick<FormDefinition, 'id' | 'category' | 'description' | 'buttons'> &
    Partial<Pick<FormDefinition, 'validations' | 'dueDate'>> & { title: string; controls: FormControl[] },
): FormDefinition {
  return {
    id: parts.id,
    category: parts.category,
    description: parts.description,
    ...(parts.dueDate !== undefined ? { dueDate: parts.dueDate } : {}),
    pages: [{ title: parts.title, controls: parts.controls }],
    buttons: parts.buttons,
    validations: parts.validations ?? [],
  };
}
