import type { Interaction, InteractionEvent } from '@tandem/core';

/** Attributes the server keeps for itself and never shows (a customer token's hash). */
const SECRET_ATTRIBUTES = ['Tandem_WebChatTokenHash'];

/** What the API shows of an interaction; `allowedActions` only when asked for a viewer. */
export interface InteractionView extends Interaction {
  displayState: string;
  allowedActions?: string[];
}

/**
 * The view of `ix` with its display state, without the secret attributes: every field of
 * `shapedInteraction`, in its order, then `displayState`, written out as one literal of its own.
 * Under Node 20, `{ ...ix, displayState }` (a spread, then a key the source lacks) took V8's slow
 * path and its result went to the old generation at once, though a view dies with its change;
 * `shapedInteraction(ix)` with `displayState` set afterwards was promoted too. bench/object-spread.ts
 * measures the three; docs/decisions/0003-young-generation.md tells why this matters.
 */
export function viewOf(ix: Interaction, displayState: string): InteractionView {
  const attributes = { ...ix.attributes };
  for (const name of SECRET_ATTRIBUTES) delete attributes[name];
  return {
    id: ix.id,
    type: ix.type,
    direction: ix.direction,
    state: ix.state,
    disconnectReason: ix.disconnectReason,
    createdAt: ix.createdAt,
    stateChangedAt: ix.stateChangedAt,
    queue: ix.queue,
    workgroupId: ix.workgroupId,
    enteredQueueAt: ix.enteredQueueAt,
    userId: ix.userId,
    lastAttemptedUserId: ix.lastAttemptedUserId,
    priority: ix.priority,
    skills: ix.skills,
    relaxation: ix.relaxation,
    attributes,
    notes: ix.notes,
    participants: ix.participants,
    parentId: ix.parentId,
    childIds: ix.childIds,
    log: ix.log,
    wrapUpCode: ix.wrapUpCode,
    wrapUps: ix.wrapUps,
    accountCode: ix.accountCode,
    private: ix.private,
    heldAt: ix.heldAt,
    heldFrom: ix.heldFrom,
    assistance: ix.assistance,
    version: ix.version,
    displayState,
  };
}

/**
 * The one view of a change that all its events carry, built the first time one of them is read
 * (serialised for a connection, or looked at by a listener). Under ACD load most events are never
 * read before they leave the replay ring, and each eager view was a copy of the whole interaction.
 * The interaction is never changed in place (a change makes a new one), and the display state is
 * taken at once, so the view read later is the one an eager build would have made.
 */
export class SharedView {
  #view: InteractionView | undefined;

  constructor(
    private readonly ix: Interaction,
    private readonly displayState: string,
  ) {}

  get(): InteractionView {
    return (this.#view ??= viewOf(this.ix, this.displayState));
  }

  /**
   * Forgets the view once the change's events are fanned out (a later read builds it again, alike):
   * the replay ring keeps the events, and a view kept with each lived past the young generation.
   */
  release(): void {
    this.#view = undefined;
  }
}

// The data of the events of a change, each one small object with the shared view behind it: the
// replay ring keeps tens of thousands of events under ACD load, so whatever an event holds lives
// past the young generation. (Object literals with a getter made a closure and an accessor each.)
// They serialise, through `toJSON`, as the plain objects they stand for.

/** What the data of every event of a change has: the change's view, read when first needed. */
abstract class OverView {
  readonly #view: SharedView;

  constructor(view: SharedView) {
    this.#view = view;
  }

  get interaction(): InteractionView {
    return this.#view.get();
  }
}

/** `{ event, interaction }` of an interaction event. */
export class EventData extends OverView {
  constructor(
    readonly event: InteractionEvent,
    view: SharedView,
  ) {
    super(view);
  }

  toJSON(): { event: InteractionEvent; interaction: InteractionView } {
    return { event: this.event, interaction: this.interaction };
  }
}

/** `{ interaction }` of a change without events. */
export class ChangedData extends OverView {
  toJSON(): { interaction: InteractionView } {
    return { interaction: this.interaction };
  }
}

/** `{ queue, interaction }` of a queue event. */
export class QueueData extends OverView {
  constructor(
    readonly queue: string,
    view: SharedView,
  ) {
    super(view);
  }

  toJSON(): { queue: string; interaction: InteractionView } {
    return { queue: this.queue, interaction: this.interaction };
  }
}

export const eventData = (view: SharedView, event: InteractionEvent): EventData => new EventData(event, view);
export const changedData = (view: SharedView): ChangedData => new ChangedData(view);
export const queueData = (view: SharedView, queue: string): QueueData => new QueueData(queue, view);
