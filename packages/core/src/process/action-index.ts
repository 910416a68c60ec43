import type { Action, ProcessDefinition, StateDefinition, TaskDefinition } from './definition-types.js';

export type Path = (string | number)[];

export interface IndexedAction {
  action: Action;
  ownerKind: 'state' | 'task';
  ownerId: string;
  /** From the owner: `['actions', 0, 'then', 1]`. */
  path: Path;
}

export interface DefinitionIndex {
  actions: Map<string, IndexedAction>;
  states: Map<string, StateDefinition>;
  tasks: Map<string, TaskDefinition>;
}

const cache = new WeakMap<ProcessDefinition, DefinitionIndex>();

/** Lookups over a definition, built once per definition object (definitions are treated as immutable). */
export function indexDefinition(definition: ProcessDefinition): DefinitionIndex {
  const cached = cache.get(definition);
  if (cached) return cached;
  const index: DefinitionIndex = {
    actions: new Map(),
    states: new Map(definition.states.map((s) => [s.id, s])),
    tasks: new Map(definition.tasks.map((t) => [t.id, t])),
  };
  for (const s of definition.states) walk(index, 'state', s.id, ['actions'], s.actions);
  for (const t of definition.tasks) walk(index, 'task', t.id, ['actions'], t.actions);
  cache.set(definition, index);
  return index;
}

function walk(
  index: DefinitionIndex,
  ownerKind: 'state' | 'task',
  ownerId: string,
  path: Path,
  actions: Action[],
): void {
  actions.forEach((action, i) => {
    const at = [...path, i];
    if (!index.actions.has(action.id)) index.actions.set(action.id, { action, ownerKind, ownerId, path: at });
    for (const [key, children] of childLists(action)) walk(index, ownerKind, ownerId, [...at, ...key], children);
  });
}

/** The nested action lists of an action, with their keys relative to it. */
export function childLists(action: Action): [Path, Action[]][] {
  switch (action.kind) {
    case 'decision':
      return [
        [['then'], action.then],
        [['else'], action.else],
      ];
    case 'loop':
      return [[['body'], action.body]];
    case 'sendWorkItemToUser':
    case 'sendWorkItemToWorkgroup':
      return action.exits.map((e, k) => [['exits', k, 'actions'], e.actions]);
    default:
      return [];
  }
}

/** Follows `path` from `root`; undefined when the path does not exist. */
export function getIn(root: unknown, path: readonly (string | number)[]): unknown {
  let node: unknown = root;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}
