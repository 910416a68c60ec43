import type { Interaction, InteractionEvent } from '@tandem/core';

/** Attributes the server keeps for itself and never shows (a customer token's hash). */
const SECRET_ATTRIBUTES = ['Tandem_WebChatTokenHash'];

/** What the API shows of an interaction; `allowedActions` only when asked for a viewer. */
export interface InteractionView extends Interaction {
  displayState: string;
  allowedActions?: string[];
}

/** The view of `ix` with its display state, without the secret attributes. */
export function viewOf(ix: Interaction, displayState: string): InteractionView {
  const attributes = { ...ix.attributes };
  for (const name of SECRET_ATTRIBUTES) delete attributes[name];
  return { ...ix, attributes, displayState };
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
}

/** `{ event, interaction }` of an interaction event. */
export function eventData(
  view: SharedView,
  event: InteractionEvent,
): { event: InteractionEvent; readonly interaction: InteractionView } {
  return {
    event,
    get interaction() {
      return view.get();
    },
  };
}

/** `{ interaction }` of a change without events. */
export function changedData(view: SharedView): { readonly interaction: InteractionView } {
  return {
    get interaction() {
      return view.get();
    },
  };
}

/** `{ queue, interaction }` of a queue event. */
export function queueData(view: SharedView, queue: string): { queue: string; readonly interaction: InteractionView } {
  return {
    queue,
    get interaction() {
      return view.get();
    },
  };
}
