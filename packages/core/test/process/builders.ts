import {
  FakeClock,
  advance,
  launchInstance,
  processDefinitionSchema,
  type Action,
  type BaseType,
  type FormDefinition,
  type ProcessDefinition,
  type ProcessInput,
  type ProcessInstance,
  type StepResult,
} from '../../src/index.js';

/** A variable entry as written in a definition document (defaults left to the schema). */
export function aVariable(name: string, type: BaseType, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { name, type, ...extra };
}

/** A form with one text control per variable and the given buttons. */
export function aForm(id: string, variables: string[], buttons = ['Submit'], extra: Record<string, unknown> = {}) {
  return {
    id,
    category: 'Loans',
    description: 'Review',
    pages: [
      {
        title: 'Main',
        controls: variables.map((v) => ({ id: `c${v}`, kind: 'text', label: v, variable: v })),
      },
    ],
    buttons: buttons.map((b) => ({ id: b, label: b })),
    ...extra,
  };
}

export interface DefinitionParts {
  id?: string;
  variables?: Record<string, unknown>[];
  inputs?: string[];
  outputs?: string[];
  states?: Record<string, unknown>[];
  tasks?: Record<string, unknown>[];
  forms?: Record<string, unknown>[];
  actions?: Record<string, unknown>[];
}

/** The raw JSON of a definition: one start state `Start` running `actions` unless `states` are given. */
export function aDefinitionDocument(parts: DefinitionParts = {}): Record<string, unknown> {
  return {
    formatVersion: 1,
    id: parts.id ?? 'loan',
    name: 'Car loan',
    variables: parts.variables ?? [],
    inputs: parts.inputs ?? [],
    outputs: parts.outputs ?? [],
    states: parts.states ?? [{ id: 'Start', name: 'Start', start: true, actions: parts.actions ?? [] }],
    tasks: parts.tasks ?? [],
    forms: parts.forms ?? [],
  };
}

/** A shape-checked definition (defaults filled in), not semantically validated. */
export function aDefinition(parts: DefinitionParts = {}): ProcessDefinition {
  return processDefinitionSchema.parse(aDefinitionDocument(parts));
}

let actionSeq = 0;
/** An action with a fresh id unless one is given. */
export function act(kind: Action['kind'], fields: Record<string, unknown> = {}): Record<string, unknown> {
  actionSeq += 1;
  return { id: `a${actionSeq}`, kind, ...fields };
}

/** Drives one instance with a fake clock, keeping the latest step. */
export class Run {
  readonly clock = new FakeClock();
  step: StepResult;
  constructor(
    readonly definition: ProcessDefinition,
    options: { inputs?: Record<string, unknown>; originator?: string | null; id?: string; depth?: number } = {},
  ) {
    this.step = launchInstance(
      definition,
      {
        instanceId: options.id ?? 'p1',
        definitionVersion: 1,
        originator: options.originator ?? 'agent1',
        ...(options.inputs ? { inputs: options.inputs } : {}),
        ...(options.depth !== undefined
          ? { parent: { instanceId: 'parent', effectId: 'parent.1', depth: options.depth } }
          : {}),
      },
      { clock: this.clock },
    );
  }
  get instance(): ProcessInstance {
    return this.step.instance;
  }
  get effect() {
    const e = this.step.instance.pending?.effect;
    if (!e)
      throw new Error(
        `instance is ${this.step.instance.status}, not waiting: ${this.step.instance.error?.message ?? ''}`,
      );
    return e;
  }
  feed(input: ProcessInput): StepResult {
    this.step = advance(this.step.instance, this.definition, input, { clock: this.clock });
    return this.step;
  }
  complete(outputs: Record<string, unknown> = {}): StepResult {
    return this.feed({ type: 'effectCompleted', effectId: this.effect.effectId, outputs });
  }
  submit(button: string, data: Record<string, unknown> = {}): StepResult {
    return this.feed({ type: 'workItemSubmitted', effectId: this.effect.effectId, button, data });
  }
  get vars() {
    return this.step.instance.variables;
  }
}

export type { FormDefinition };
