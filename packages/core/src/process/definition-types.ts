/**
 * The process definition format, version 1: plain JSON, parsed by `processDefinitionSchema` and
 * checked by `validateDefinition`. Expressions are strings in the expression language
 * (`expression/`); templates are strings with `{Variable}` placeholders.
 */

export const BASE_TYPES = [
  'String',
  'Integer',
  'Decimal',
  'Boolean',
  'DateTime',
  'Currency',
  'User',
  'Workgroup',
  'Mailbox',
] as const;
export type BaseType = (typeof BASE_TYPES)[number];

/** A variable's type: one of the base types, or a list of one. */
export interface VariableType {
  base: BaseType;
  list: boolean;
}

/** A plain JSON value of a variable: strings, numbers, booleans, ISO date-times, lists of these, or null (unset). */
export type ProcessValue = string | number | boolean | null | ProcessValue[];

export interface VariableDefinition {
  name: string;
  type: BaseType;
  /** A list of `type` (default false). */
  list: boolean;
  /** Id of a security specification guarding this variable's value. */
  securitySpecification?: string;
  /** Whether the value may appear in reporting, logs and traces (default false). */
  logToReporting: boolean;
  /** A literal initial value; otherwise the type's default (see `defaultValue`). */
  initial?: ProcessValue;
  description?: string;
}

/** A name-to-expression map: inputs given to a task, a state or a subprocess. */
export type ExpressionMap = Record<string, string>;

/** Where results go: `{ variable: source }` (output name, column or response path). */
export interface OutputMapping {
  variable: string;
  from: string;
}

interface ActionBase {
  /** Unique within the definition; effects and history name it. */
  id: string;
  description?: string;
}

export interface AssignAction extends ActionBase {
  kind: 'assign';
  variable: string;
  expression: string;
}

export interface DecisionAction extends ActionBase {
  kind: 'decision';
  condition: string;
  then: Action[];
  else: Action[];
}

/** Runs `body` while `condition` holds, at most `maxIterations` times (default 1000). */
export interface LoopAction extends ActionBase {
  kind: 'loop';
  condition: string;
  body: Action[];
  maxIterations?: number;
}

export interface CallTaskAction extends ActionBase {
  kind: 'callTask';
  task: string;
  /** Task input name → expression in the caller's scope. */
  inputs: ExpressionMap;
  /** Task output name → caller's variable. */
  outputs: Record<string, string>;
}

export interface ChangeStateAction extends ActionBase {
  kind: 'changeState';
  state: string;
  /** Target state input name → expression in the current scope. */
  inputs: ExpressionMap;
}

export interface EndProcessAction extends ActionBase {
  kind: 'endProcess';
}

/** One exit path of a work item action: the actions run when the form is submitted with `button`. */
export interface ExitPath {
  button: string;
  actions: Action[];
}

export interface SendWorkItemToUserAction extends ActionBase {
  kind: 'sendWorkItemToUser';
  form: string;
  /** Expression of type User (or String). */
  user: string;
  exits: ExitPath[];
}

export interface SendWorkItemToWorkgroupAction extends ActionBase {
  kind: 'sendWorkItemToWorkgroup';
  form: string;
  /** Expression of type Workgroup (or String). */
  workgroup: string;
  /** Seconds an offered item may wait for pickup before it is re-routed; absent means no limit. */
  pickupTimeoutSeconds?: number;
  /** Expression of type Workgroup or User: where the item goes when the pickup timeout passes. */
  reroute?: string;
  exits: ExitPath[];
}

export interface InvokeWebServiceAction extends ActionBase {
  kind: 'invokeWebService';
  protocol: 'http-json' | 'soap';
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Template (`https://x/loans/{LoanID}`). */
  url: string;
  /** SOAP action header (SOAP only). */
  soapAction?: string;
  /** Request fields: name → expression; sent as a JSON object or as SOAP body elements. */
  body: ExpressionMap;
  timeoutSeconds: number;
  /** Response path (`data.score`, or an element name for SOAP) → variable. */
  outputs: OutputMapping[];
}

export interface RunHandlerAction extends ActionBase {
  kind: 'runHandler';
  /** Name of a handler registered on the server. */
  handler: string;
  inputs: ExpressionMap;
  timeoutSeconds: number;
  /** Handler output name → variable. */
  outputs: OutputMapping[];
}

export interface SendEmailAction extends ActionBase {
  kind: 'sendEmail';
  /** Expression of type Mailbox, String or a list of them. */
  to: string;
  subject: string;
  body: string;
}

export interface DatabaseQueryAction extends ActionBase {
  kind: 'databaseQuery';
  dataSource: string;
  /** Parameterised SQL: `$1`, `$2` … bind `parameters` in order. */
  sql: string;
  parameters: string[];
  timeoutSeconds: number;
  /** Column → variable; a list variable receives the column of every row, a scalar the first row's. */
  outputs: OutputMapping[];
}

/** Waits `seconds` (an Integer expression) or until `until` (a DateTime expression); exactly one. */
export interface WaitAction extends ActionBase {
  kind: 'wait';
  seconds?: string;
  until?: string;
}

export interface LaunchSubprocessAction extends ActionBase {
  kind: 'launchSubprocess';
  /** Id of the process definition to launch (its active version). */
  process: string;
  inputs: ExpressionMap;
  /** Wait for the subprocess to end and copy its outputs (default true). */
  waitForCompletion: boolean;
  /** Subprocess process-variable name → variable. */
  outputs: OutputMapping[];
}

/** Writes a template to the instance history; variables without `logToReporting` appear as `***`. */
export interface LogAction extends ActionBase {
  kind: 'log';
  message: string;
}

export type Action =
  | AssignAction
  | DecisionAction
  | LoopAction
  | CallTaskAction
  | ChangeStateAction
  | EndProcessAction
  | SendWorkItemToUserAction
  | SendWorkItemToWorkgroupAction
  | InvokeWebServiceAction
  | RunHandlerAction
  | SendEmailAction
  | DatabaseQueryAction
  | WaitAction
  | LaunchSubprocessAction
  | LogAction;

export type ActionKind = Action['kind'];

export const CONTROL_KINDS = [
  'text',
  'number',
  'date',
  'checkbox',
  'dropdown',
  'multiline',
  'label',
  'website',
] as const;
export type ControlKind = (typeof CONTROL_KINDS)[number];

export interface FormControl {
  id: string;
  kind: ControlKind;
  label: string;
  /** The variable the control shows and edits (not for label and website). */
  variable?: string;
  required: boolean;
  /** Choices of a drop-down. */
  options?: string[];
  /** Template: the page a website control shows, or a label's text. */
  text?: string;
}

export interface FormPage {
  title: string;
  controls: FormControl[];
}

/** A rule the data must satisfy before a button submits: a Boolean expression and the message when false. */
export interface ValidationRule {
  rule: string;
  message: string;
  /** Control id the message belongs to. */
  control?: string;
}

export interface FormButton {
  id: string;
  label: string;
  /** Whether the button checks required fields and validation rules (default true; false for Cancel-like buttons). */
  validates: boolean;
}

export interface FormDefinition {
  id: string;
  category: string;
  /** Template. */
  description: string;
  /** DateTime expression. */
  dueDate?: string;
  pages: FormPage[];
  buttons: FormButton[];
  validations: ValidationRule[];
}

export interface StateDefinition {
  id: string;
  name: string;
  start: boolean;
  variables: VariableDefinition[];
  /** Names of state variables filled from a Change State's inputs. */
  inputs: string[];
  actions: Action[];
}

export interface TaskDefinition {
  id: string;
  name: string;
  description?: string;
  /** Local variables; inputs and outputs are among them. */
  variables: VariableDefinition[];
  inputs: string[];
  outputs: string[];
  actions: Action[];
}

export interface ProcessDefinition {
  formatVersion: 1;
  id: string;
  name: string;
  description?: string;
  /** Process-scope variables. */
  variables: VariableDefinition[];
  /** Process variables a launch may set. */
  inputs: string[];
  /** Process variables a parent process may read when this one runs as a subprocess. */
  outputs: string[];
  states: StateDefinition[];
  tasks: TaskDefinition[];
  forms: FormDefinition[];
}
