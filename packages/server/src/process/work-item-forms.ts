import {
  TandemError,
  coerceValue,
  specificationsOf,
  variableType,
  workItemView,
  type Clock,
  type FieldIssue,
  type Interaction,
  type ProcessDefinition,
  type ProcessValue,
  type SendWorkItemEffect,
  type TandemStore,
  type WorkItemRecord,
  type WorkItemView,
} from '@tandem/core';
import type { DirectoryService } from '../services/directory-service.js';
import type { InteractionService } from '../services/interaction-service.js';
import type { DefinitionRegistry } from './definition-registry.js';
import type { ProcessEngine } from './process-engine.js';
import { EFFECT_ATTRIBUTE, HOLD_REASON_ATTRIBUTE, workItemState, type WorkItemService } from './work-item-service.js';

/** What `GET /interactions/{id}/workitem` answers: the form and values the user may see. */
export interface WorkItemAnswer {
  interactionId: string;
  instanceId: string;
  state: string;
  category: string;
  description: string;
  dueDate: string | null;
  form: WorkItemView['form'];
  values: Record<string, ProcessValue>;
  editable: string[];
  buttons: string[];
  onHold: boolean;
  holdMessage: string | null;
}

interface Loaded {
  ix: Interaction;
  record: WorkItemRecord;
  effect: SendWorkItemEffect;
  definition: ProcessDefinition;
  view: WorkItemView;
}

const notFound = (id: string) => new TandemError('INTERACTION_NOT_FOUND', `interaction '${id}' is not a work item`);
const WORKING = ['connected', 'acd-assigned'];

/**
 * The work item viewer's server side: the form with secured fields removed for users outside their
 * security specification, save, hold (valid data only) and submit with a button (its exit path).
 * A secured required field puts the item on hold with a message saying why.
 */
export class WorkItemForms {
  constructor(
    private readonly deps: {
      store: TandemStore;
      interactions: InteractionService;
      directory: DirectoryService;
      definitions: DefinitionRegistry;
      engine: ProcessEngine;
      workItems: WorkItemService;
      clock: Clock;
    },
  ) {}

  async get(interactionId: string, userId: string): Promise<WorkItemAnswer> {
    const loaded = await this.load(interactionId, userId);
    const { ix, view } = loaded;
    if (view.onHold && ix.userId === userId && ix.state !== 'parked' && ix.state !== 'disconnected') {
      const held = await this.deps.workItems.place(
        ix,
        { type: 'user', id: userId },
        'parked',
        'Held',
        view.holdMessage ?? '',
      );
      return this.answer({ ...loaded, ix: held });
    }
    return this.answer(loaded);
  }

  /** Saves the data (every field valid, else VALIDATION_FAILED naming each). */
  async save(interactionId: string, userId: string, data: Record<string, unknown>): Promise<WorkItemAnswer> {
    const loaded = await this.load(interactionId, userId);
    this.requireWorking(loaded, userId, ['connected', 'acd-assigned', 'parked']);
    const { values, issues } = this.check(loaded, data);
    if (issues.length > 0) throw validation(issues);
    return this.answer(await this.store(loaded, values));
  }

  /** Holds the item on the user's queue, saving the valid part of `data` and dropping the rest. */
  async hold(interactionId: string, userId: string, data: Record<string, unknown>): Promise<WorkItemAnswer> {
    const loaded = await this.load(interactionId, userId);
    this.requireWorking(loaded, userId, WORKING);
    const saved = await this.store(loaded, this.check(loaded, data).values);
    const ix = await this.deps.workItems.place(saved.ix, { type: 'user', id: userId }, 'parked', 'Held');
    return this.answer({ ...saved, ix });
  }

  /** Submits with a button: the instance takes the button's exit path; the item completes. */
  async submit(
    interactionId: string,
    userId: string,
    button: string,
    data: Record<string, unknown>,
  ): Promise<WorkItemAnswer> {
    const loaded = await this.load(interactionId, userId);
    this.requireWorking(loaded, userId, WORKING);
    if (loaded.view.onHold)
      throw new TandemError('ACTION_NOT_ALLOWED', loaded.view.holdMessage ?? 'the work item is on hold');
    const { values, issues } = this.check(loaded, data);
    if (issues.length > 0) throw validation(issues);
    const saved = (loaded.record.doc['data'] ?? {}) as Record<string, unknown>;
    const editable = new Set(loaded.view.editable);
    const merged = Object.fromEntries(Object.entries({ ...saved, ...values }).filter(([k]) => editable.has(k)));
    await this.deps.engine.input(loaded.record.instanceId, {
      type: 'workItemSubmitted',
      effectId: loaded.record.effectId,
      button,
      data: merged,
      userId,
    });
    const done = await this.deps.workItems.complete(interactionId);
    await this.deps.store.processes.saveWorkItems([
      {
        ...loaded.record,
        state: 'completed',
        updatedAt: this.deps.clock.now(),
        doc: { ...loaded.record.doc, data: merged },
      },
    ]);
    return this.answer({ ...loaded, ix: done });
  }

  private async load(interactionId: string, userId: string): Promise<Loaded> {
    const ix = await this.deps.interactions.find(interactionId);
    const effectId = ix.attributes[EFFECT_ATTRIBUTE];
    if (ix.type !== 'workitem' || effectId === undefined) throw notFound(interactionId);
    const record = await this.deps.store.processes.getWorkItem(effectId);
    if (!record) throw notFound(interactionId);
    const effect = record.doc['effect'] as SendWorkItemEffect;
    const instance = await this.deps.engine.find(record.instanceId);
    const definition = await this.deps.definitions.loadVersion(instance.definitionId, instance.definitionVersion);
    const saved = (record.doc['data'] ?? {}) as Record<string, ProcessValue>;
    const viewer = { userId, specifications: specificationsOf(this.deps.directory.directory, userId) };
    const view = workItemView({
      definition,
      formId: effect.formId,
      values: { ...instance.variables, ...saved },
      viewer,
    });
    return { ix, record, effect, definition, view };
  }

  private requireWorking(loaded: Loaded, userId: string, states: string[]): void {
    const { ix } = loaded;
    if (ix.userId !== userId)
      throw new TandemError('NOT_ASSIGNED', `work item ${ix.id} is not assigned to you: pick it up first`);
    if (!states.includes(ix.state))
      throw new TandemError('ACTION_NOT_ALLOWED', `work item ${ix.id} is ${workItemState(ix)}: pick it up first`);
  }

  /** The data converted to the bound variables' types; fields the user may not edit are issues. */
  private check(
    loaded: Loaded,
    data: Record<string, unknown>,
  ): { values: Record<string, ProcessValue>; issues: FieldIssue[] } {
    const editable = new Set(loaded.view.editable);
    const values: Record<string, ProcessValue> = {};
    const issues: FieldIssue[] = [];
    for (const [name, raw] of Object.entries(data)) {
      const variable = loaded.definition.variables.find((v) => v.name === name);
      if (!variable || !editable.has(name)) {
        issues.push({ path: `data.${name}`, message: 'is not a field of this form you may edit' });
        continue;
      }
      const c = coerceValue(raw, variableType(variable));
      if (c.ok) values[name] = c.value;
      else issues.push({ path: `data.${name}`, message: c.message });
    }
    return { values, issues };
  }

  private async store(loaded: Loaded, values: Record<string, ProcessValue>): Promise<Loaded> {
    const data = { ...((loaded.record.doc['data'] ?? {}) as Record<string, unknown>), ...values };
    const record = { ...loaded.record, updatedAt: this.deps.clock.now(), doc: { ...loaded.record.doc, data } };
    await this.deps.store.processes.saveWorkItems([record]);
    const view = { ...loaded.view, values: { ...loaded.view.values, ...values } };
    return { ...loaded, record, view };
  }

  private answer(loaded: Loaded): WorkItemAnswer {
    const { ix, effect, view } = loaded;
    const reason = ix.attributes[HOLD_REASON_ATTRIBUTE];
    return {
      interactionId: ix.id,
      instanceId: loaded.record.instanceId,
      state: workItemState(ix),
      category: effect.category,
      // Rendered by core with secured values masked (`***`).
      description: effect.description,
      dueDate: effect.dueDate === null ? null : new Date(effect.dueDate).toISOString(),
      form: view.form,
      values: view.values,
      editable: view.editable,
      buttons: effect.buttons,
      onHold: view.onHold,
      holdMessage: view.holdMessage ?? (ix.state === 'parked' ? (reason ?? null) : null),
    };
  }
}

function validation(issues: FieldIssue[]): TandemError {
  return new TandemError('VALIDATION_FAILED', issues.map((i) => `${i.path}: ${i.message}`).join('; '), { issues });
}
