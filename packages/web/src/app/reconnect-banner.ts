/** What the connection banner says. */
export type BannerState =
  | { kind: 'hidden' }
  | { kind: 'reconnecting'; attempts: number }
  | { kind: 'reconnected' }
  | { kind: 'resynchronised'; topics: string[] }
  | { kind: 'session-ended'; reason: string };

export type BannerInput =
  | { type: 'disconnected' }
  | { type: 'reconnected' }
  | { type: 'resync'; topic: string }
  | { type: 'session-ended'; reason: string }
  | { type: 'dismiss' };

export const HIDDEN: BannerState = { kind: 'hidden' };

/**
 * The banner's state machine: a drop says "Reconnecting…" (counting attempts); the reconnect says
 * "nothing missed" unless the server asked for a resync of some topic (its replay window had passed),
 * which says "resynchronised". A session end stays until logon. `dismiss` hides the good news only.
 */
export function nextBanner(state: BannerState, input: BannerInput): BannerState {
  if (state.kind === 'session-ended') return state;
  switch (input.type) {
    case 'disconnected':
      return { kind: 'reconnecting', attempts: state.kind === 'reconnecting' ? state.attempts + 1 : 1 };
    case 'reconnected':
      return state.kind === 'reconnecting' ? { kind: 'reconnected' } : state;
    case 'resync':
      if (state.kind === 'reconnected') return { kind: 'resynchronised', topics: [input.topic] };
      if (state.kind === 'resynchronised')
        return state.topics.includes(input.topic) ? state : { ...state, topics: [...state.topics, input.topic] };
      return state;
    case 'session-ended':
      return { kind: 'session-ended', reason: input.reason };
    case 'dismiss':
      return state.kind === 'reconnected' || state.kind === 'resynchronised' ? HIDDEN : state;
  }
}

/** The words on the banner (undefined: no banner). */
export function bannerText(state: BannerState): string | undefined {
  switch (state.kind) {
    case 'hidden':
      return undefined;
    case 'reconnecting':
      return state.attempts > 1 ? `Reconnecting… (attempt ${state.attempts})` : 'Reconnecting…';
    case 'reconnected':
      return 'Reconnected, nothing missed';
    case 'resynchronised':
      return `Reconnected and resynchronised (${state.topics.join(', ')})`;
    case 'session-ended':
      return `Your session ended (${state.reason}). Please log on again.`;
  }
}
