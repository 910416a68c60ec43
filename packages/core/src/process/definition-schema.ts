import { z } from 'zod';
import {
  BASE_TYPES,
  CONTROL_KINDS,
  type Action,
  type FormDefinition,
  type ProcessDefinition,
  type StateDefinition,
  type TaskDefinition,
  type VariableDefinition,
} from './definition-types.js';

/**
 * Zod schemas of the definition format (`formatVersion: 1`). They check shape only; references,
 * scopes and expression types are checked by `validateDefinition`. `z.toJSONSchema` of
 * `processDefinitionSchema` is published as `docs/process-definition.schema.json`.
 */

const id = z.string().min(1, 'must not be empty').max(64, 'must be at most 64 characters');
const name = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, 'must be a letter or _ followed by letters, digits or _ (at most 64)');
const text = (max: number) => z.string().max(max, `must be at most ${max} characters`);
const expression = text(4000);
const expressionMap = z.record(name, expression);
const seconds = z.number().int().min(1).max(31_536_000);

const processValue: z.ZodType<unknown> = z.union([
  z.string().max(10_000),
  z.number(),
  z.boolean(),
  z.null(),
  z.array(z.union([z.string().max(10_000), z.number(), z.boolean()])).max(1000),
]);

export const variableDefinitionSchema = z.strictObject({
  name,
  type: z.enum(BASE_TYPES),
  list: z.boolean().default(false),
  securitySpecification: id.optional(),
  logToReporting: z.boolean().default(false),
  initial: processValue.optional(),
  description: text(1000).optional(),
}) as unknown as z.ZodType<VariableDefinition>;

const outputMapping = z.strictObject({ variable: name, from: text(256).min(1) });
const base = { id, description: text(1000).optional() };

const actionList = (): z.ZodType<Action[]> => z.array(actionSchema).max(500);

const exitPath = z.strictObject({
  button: id,
  get actions() {
    return actionList();
  },
});

const actionOptions = [
  z.strictObject({ ...base, kind: z.literal('assign'), variable: name, expression }),
  z.strictObject({
    ...base,
    kind: z.literal('decision'),
    condition: expression,
    get then() {
      return actionList();
    },
    get else() {
      return actionList().default([]);
    },
  }),
  z.strictObject({
    ...base,
    kind: z.literal('loop'),
    condition: expression,
    get body() {
      return actionList();
    },
    maxIterations: z.number().int().min(1).max(100_000).optional(),
  }),
  z.strictObject({
    ...base,
    kind: z.literal('callTask'),
    task: id,
    inputs: expressionMap.default({}),
    outputs: z.record(name, name).default({}),
  }),
  z.strictObject({ ...base, kind: z.literal('changeState'), state: id, inputs: expressionMap.default({}) }),
  z.strictObject({ ...base, kind: z.literal('endProcess') }),
  z.strictObject({
    ...base,
    kind: z.literal('sendWorkItemToUser'),
    form: id,
    user: expression,
    get exits() {
      return z.array(exitPath).max(20);
    },
  }),
  z.strictObject({
    ...base,
    kind: z.literal('sendWorkItemToWorkgroup'),
    form: id,
    workgroup: expression,
    pickupTimeoutSeconds: seconds.optional(),
    reroute: expression.optional(),
    get exits() {
      return z.array(exitPath).max(20);
    },
  }),
  z.strictObject({
    ...base,
    kind: z.literal('invokeWebService'),
    protocol: z.enum(['http-json', 'soap']),
    method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).default('POST'),
    url: text(2000).min(1),
    soapAction: text(500).optional(),
    body: expressionMap.default({}),
    timeoutSeconds: z.number().int().min(1).max(3600).default(30),
    outputs: z.array(outputMapping).max(100).default([]),
  }),
  z.strictObject({
    ...base,
    kind: z.literal('runHandler'),
    handler: id,
    inputs: expressionMap.default({}),
    timeoutSeconds: z.number().int().min(1).max(86_400).default(30),
    outputs: z.array(outputMapping).max(100).default([]),
  }),
  z.strictObject({ ...base, kind: z.literal('sendEmail'), to: expression, subject: text(1000), body: text(100_000) }),
  z.strictObject({
    ...base,
    kind: z.literal('databaseQuery'),
    dataSource: id,
    sql: text(20_000).min(1),
    parameters: z.array(expression).max(100).default([]),
    timeoutSeconds: z.number().int().min(1).max(3600).default(30),
    outputs: z.array(outputMapping).max(100).default([]),
  }),
  z.strictObject({ ...base, kind: z.literal('wait'), seconds: expression.optional(), until: expression.optional() }),
  z.strictObject({
    ...base,
    kind: z.literal('launchSubprocess'),
    process: id,
    inputs: expressionMap.default({}),
    waitForCompletion: z.boolean().default(true),
    outputs: z.array(outputMapping).max(100).default([]),
  }),
  z.strictObject({ ...base, kind: z.literal('log'), message: text(4000) }),
] as const;

export const actionSchema: z.ZodType<Action> = z.discriminatedUnion(
  'kind',
  actionOptions,
) as unknown as z.ZodType<Action>;

const control = z.strictObject({
  id,
  kind: z.enum(CONTROL_KINDS),
  label: text(500).default(''),
  variable: name.optional(),
  required: z.boolean().default(false),
  options: z.array(text(500)).max(500).optional(),
  text: text(4000).optional(),
});

export const formDefinitionSchema = z.strictObject({
  id,
  category: text(200).default(''),
  description: text(2000).default(''),
  dueDate: expression.optional(),
  pages: z
    .array(z.strictObject({ title: text(200).default(''), controls: z.array(control).max(200) }))
    .min(1)
    .max(50),
  buttons: z
    .array(z.strictObject({ id, label: text(200), validates: z.boolean().default(true) }))
    .min(1)
    .max(20),
  validations: z
    .array(z.strictObject({ rule: expression, message: text(500), control: id.optional() }))
    .max(200)
    .default([]),
}) as unknown as z.ZodType<FormDefinition>;

const variables = z.array(variableDefinitionSchema).max(1000).default([]);
const names = z.array(name).max(1000).default([]);

export const stateDefinitionSchema = z.strictObject({
  id,
  name: text(200).min(1),
  start: z.boolean().default(false),
  variables,
  inputs: names,
  actions: actionList(),
}) as unknown as z.ZodType<StateDefinition>;

export const taskDefinitionSchema = z.strictObject({
  id,
  name: text(200).min(1),
  description: text(1000).optional(),
  variables,
  inputs: names,
  outputs: names,
  actions: actionList(),
}) as unknown as z.ZodType<TaskDefinition>;

/** The whole definition document. */
export const processDefinitionSchema = z.strictObject({
  formatVersion: z.literal(1),
  id,
  name: text(200).min(1),
  description: text(2000).optional(),
  variables,
  inputs: names,
  outputs: names,
  states: z.array(stateDefinitionSchema).min(1).max(200),
  tasks: z.array(taskDefinitionSchema).max(500).default([]),
  forms: z.array(formDefinitionSchema).max(200).default([]),
}) as unknown as z.ZodType<ProcessDefinition>;

/**
 * The JSON Schema (draft 2020-12) of a definition document as an author writes it (fields with
 * defaults are optional). Published as `docs/process-definition.schema.json`.
 */
export function processDefinitionJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(processDefinitionSchema, { io: 'input' }) as Record<string, unknown>;
  return {
    ...schema,
    $id: 'https://tandem.example/schemas/process-definition-1.json',
    title: 'Tandem process definition, format version 1',
  };
}
