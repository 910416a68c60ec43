import type { FieldIssue } from '../errors.js';
import type { Action, ExitPath, OutputMapping, ProcessDefinition, VariableDefinition } from './definition-types.js';
import { checkExpression, parseExpression, typeName, type ExprType } from './expression/index.js';
import { isAssignable } from './expression/type-rules.js';
import { templateNames } from './template.js';
import { variableType } from './values.js';

/** What the validator knows about the world outside the definition; each check is skipped when absent. */
export interface ValidationOptions {
  /** Answers a launchable definition for Launch Subprocess targets (its inputs and outputs are checked too). */
  findProcess?: (id: string) => ProcessDefinition | undefined;
  handlerExists?: (name: string) => boolean;
  dataSourceExists?: (name: string) => boolean;
  securitySpecificationExists?: (id: string) => boolean;
}

export interface ActionScope {
  definition: ProcessDefinition;
  lookup: (name: string) => VariableDefinition | undefined;
  inTask: boolean;
  options: ValidationOptions;
  issues: FieldIssue[];
  actionIds: Map<string, string>;
}

type Want = ExprType | ExprType[] | 'any';
const t = (base: ExprType['base'], list = false): ExprType => ({ base, list });
const BOOLEAN = t('Boolean');

/** Checks an expression at `path`: it parses, its names are known, and its type is one of `want`. */
export function checkExpr(scope: ActionScope, path: string, source: string | undefined, want: Want): void {
  if (source === undefined) return;
  const parsed = parseExpression(source);
  if (!parsed.ok) return issue(scope, path, `${parsed.error.message} (at ${parsed.error.position.start})`);
  const typed = checkExpression(parsed.value, (name) => {
    const v = scope.lookup(name);
    return v ? variableType(v) : undefined;
  });
  if (!typed.ok) return issue(scope, path, `${typed.error.message} (at ${typed.error.position.start})`);
  const wants = want === 'any' ? [] : Array.isArray(want) ? want : [want];
  if (wants.length > 0 && !wants.some((w) => isAssignable(typed.value, w))) {
    issue(scope, path, `must be ${wants.map(typeName).join(' or ')}, not ${typeName(typed.value)}`);
  }
}

export function issue(scope: ActionScope, path: string, message: string): void {
  scope.issues.push({ path, message });
}

export function checkTemplate(scope: ActionScope, path: string, template: string): void {
  for (const { name, start } of templateNames(template)) {
    if (!scope.lookup(name)) issue(scope, path, `unknown variable ${name} (at ${start})`);
  }
}

function checkTarget(scope: ActionScope, path: string, name: string, from: ExprType | undefined): void {
  const v = scope.lookup(name);
  if (!v) return issue(scope, path, `unknown variable ${name}`);
  if (from && !isAssignable(from, variableType(v))) {
    issue(scope, path, `${name} is ${typeName(variableType(v))} and cannot hold ${typeName(from)}`);
  }
}

export function checkActions(scope: ActionScope, path: string, actions: readonly Action[]): void {
  actions.forEach((action, i) => checkAction(scope, `${path}[${i}]`, action));
}

function checkAction(scope: ActionScope, path: string, action: Action): void {
  const seen = scope.actionIds.get(action.id);
  if (seen) issue(scope, `${path}.id`, `duplicate action id ${action.id} (also at ${seen})`);
  else scope.actionIds.set(action.id, path);
  CHECKS[action.kind](scope, path, action as never);
}

type Checks = {
  [K in Action['kind']]: (scope: ActionScope, path: string, action: Extract<Action, { kind: K }>) => void;
};

const CHECKS: Checks = {
  assign: (s, p, a) => {
    const v = s.lookup(a.variable);
    if (!v) return issue(s, `${p}.variable`, `unknown variable ${a.variable}`);
    checkExpr(s, `${p}.expression`, a.expression, variableType(v));
  },
  decision: (s, p, a) => {
    checkExpr(s, `${p}.condition`, a.condition, BOOLEAN);
    checkActions(s, `${p}.then`, a.then);
    checkActions(s, `${p}.else`, a.else);
  },
  loop: (s, p, a) => {
    checkExpr(s, `${p}.condition`, a.condition, BOOLEAN);
    checkActions(s, `${p}.body`, a.body);
  },
  callTask: checkCallTask,
  changeState: (s, p, a) => {
    if (s.inTask) return issue(s, `${p}.kind`, 'Change State is a state-level action and is refused inside a task');
    const target = s.definition.states.find((st) => st.id === a.state);
    if (!target) return issue(s, `${p}.state`, `unknown state ${a.state}`);
    for (const [name, expr] of Object.entries(a.inputs)) {
      const v = target.inputs.includes(name) ? target.variables.find((x) => x.name === name) : undefined;
      if (!v) issue(s, `${p}.inputs.${name}`, `state ${a.state} has no input ${name}`);
      else checkExpr(s, `${p}.inputs.${name}`, expr, variableType(v));
    }
  },
  endProcess: (s, p) => {
    if (s.inTask) issue(s, `${p}.kind`, 'End Process is a state-level action and is refused inside a task');
  },
  sendWorkItemToUser: (s, p, a) => {
    checkExpr(s, `${p}.user`, a.user, [t('User'), t('String')]);
    checkExits(s, p, a.form, a.exits);
  },
  sendWorkItemToWorkgroup: (s, p, a) => {
    checkExpr(s, `${p}.workgroup`, a.workgroup, [t('Workgroup'), t('String')]);
    if (a.reroute !== undefined) checkExpr(s, `${p}.reroute`, a.reroute, [t('Workgroup'), t('User'), t('String')]);
    if (a.reroute !== undefined && a.pickupTimeoutSeconds === undefined) {
      issue(s, `${p}.pickupTimeoutSeconds`, 'a re-route needs a pickup timeout');
    }
    checkExits(s, p, a.form, a.exits);
  },
  invokeWebService: (s, p, a) => {
    checkTemplate(s, `${p}.url`, a.url);
    if (!/^https?:\/\//.test(a.url)) issue(s, `${p}.url`, 'must start with http:// or https://');
    for (const [name, expr] of Object.entries(a.body)) checkExpr(s, `${p}.body.${name}`, expr, 'any');
    checkOutputs(s, p, a.outputs);
  },
  runHandler: (s, p, a) => {
    if (s.options.handlerExists && !s.options.handlerExists(a.handler)) {
      issue(s, `${p}.handler`, `no handler ${a.handler} is registered`);
    }
    for (const [name, expr] of Object.entries(a.inputs)) checkExpr(s, `${p}.inputs.${name}`, expr, 'any');
    checkOutputs(s, p, a.outputs);
  },
  sendEmail: (s, p, a) => {
    checkExpr(s, `${p}.to`, a.to, [t('Mailbox'), t('String'), t('Mailbox', true), t('String', true)]);
    checkTemplate(s, `${p}.subject`, a.subject);
    checkTemplate(s, `${p}.body`, a.body);
  },
  databaseQuery: (s, p, a) => {
    if (s.options.dataSourceExists && !s.options.dataSourceExists(a.dataSource)) {
      issue(s, `${p}.dataSource`, `no data source ${a.dataSource} is configured`);
    }
    const used = [...a.sql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1]));
    const highest = Math.max(0, ...used);
    if (highest > a.parameters.length)
      issue(s, `${p}.sql`, `uses $${highest} but only ${a.parameters.length} parameters are given`);
    a.parameters.forEach((expr, i) => checkExpr(s, `${p}.parameters[${i}]`, expr, 'any'));
    checkOutputs(s, p, a.outputs);
  },
  wait: (s, p, a) => {
    if ((a.seconds === undefined) === (a.until === undefined)) {
      return issue(s, `${p}.seconds`, 'give exactly one of seconds and until');
    }
    checkExpr(s, `${p}.seconds`, a.seconds, [t('Integer'), t('Decimal')]);
    checkExpr(s, `${p}.until`, a.until, t('DateTime'));
  },
  launchSubprocess: checkLaunch,
  log: (s, p, a) => checkTemplate(s, `${p}.message`, a.message),
};

function checkCallTask(s: ActionScope, p: string, a: Extract<Action, { kind: 'callTask' }>): void {
  const task = s.definition.tasks.find((x) => x.id === a.task);
  if (!task) return issue(s, `${p}.task`, `unknown task ${a.task}`);
  for (const [name, expr] of Object.entries(a.inputs)) {
    const v = task.inputs.includes(name) ? task.variables.find((x) => x.name === name) : undefined;
    if (!v) issue(s, `${p}.inputs.${name}`, `task ${a.task} has no input ${name}`);
    else checkExpr(s, `${p}.inputs.${name}`, expr, variableType(v));
  }
  for (const [name, target] of Object.entries(a.outputs)) {
    const v = task.outputs.includes(name) ? task.variables.find((x) => x.name === name) : undefined;
    if (!v) issue(s, `${p}.outputs.${name}`, `task ${a.task} has no output ${name}`);
    else checkTarget(s, `${p}.outputs.${name}`, target, variableType(v));
  }
}

function checkExits(s: ActionScope, p: string, formId: string, exits: readonly ExitPath[]): void {
  const form = s.definition.forms.find((f) => f.id === formId);
  if (!form) issue(s, `${p}.form`, `unknown form ${formId}`);
  const seen = new Set<string>();
  exits.forEach((exit, i) => {
    if (seen.has(exit.button)) issue(s, `${p}.exits[${i}].button`, `a second exit path for button ${exit.button}`);
    seen.add(exit.button);
    if (form && !form.buttons.some((b) => b.id === exit.button)) {
      issue(s, `${p}.exits[${i}].button`, `form ${formId} has no button ${exit.button}`);
    }
    checkActions(s, `${p}.exits[${i}].actions`, exit.actions);
  });
  for (const button of form?.buttons ?? []) {
    if (!seen.has(button.id)) issue(s, `${p}.exits`, `button ${button.id} of form ${formId} has no exit path`);
  }
}

function checkOutputs(s: ActionScope, p: string, outputs: readonly OutputMapping[]): void {
  outputs.forEach((o, i) => checkTarget(s, `${p}.outputs[${i}].variable`, o.variable, undefined));
}

function checkLaunch(s: ActionScope, p: string, a: Extract<Action, { kind: 'launchSubprocess' }>): void {
  if (!a.waitForCompletion && a.outputs.length > 0) {
    issue(s, `${p}.outputs`, 'outputs need waitForCompletion');
  }
  const child = a.process === s.definition.id ? s.definition : s.options.findProcess?.(a.process);
  if (!child) {
    if (s.options.findProcess) issue(s, `${p}.process`, `no active process definition ${a.process}`);
    for (const [name, expr] of Object.entries(a.inputs)) checkExpr(s, `${p}.inputs.${name}`, expr, 'any');
    return checkOutputs(s, p, a.outputs);
  }
  for (const [name, expr] of Object.entries(a.inputs)) {
    const v = child.inputs.includes(name) ? child.variables.find((x) => x.name === name) : undefined;
    if (!v) issue(s, `${p}.inputs.${name}`, `process ${a.process} has no input ${name}`);
    else checkExpr(s, `${p}.inputs.${name}`, expr, variableType(v));
  }
  a.outputs.forEach((o, i) => {
    const v = child.outputs.includes(o.from) ? child.variables.find((x) => x.name === o.from) : undefined;
    if (!v) issue(s, `${p}.outputs[${i}].from`, `process ${a.process} has no output ${o.from}`);
    else checkTarget(s, `${p}.outputs[${i}].variable`, o.variable, variableType(v));
  });
}
