import type { ChatCredentials, CustomerMessage } from '@tandem/client';

/** The part of `sessionStorage` the widget uses (tests pass a Map-backed one). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** What survives a page reload within the same chat (sessionStorage: this tab only, gone when it closes). */
export interface ResumeState {
  version: 1;
  credentials: ChatCredentials;
  displayName: string;
  /** The highest `seq` the visitor has seen: the transcript after it is fetched on resume. */
  lastSeq: number;
  /** The last lines shown, to draw the window at once after a reload. */
  messages: CustomerMessage[];
  /** Whether the window was open. */
  open: boolean;
}

/** Lines kept for a reload; older ones are not shown again (sessionStorage is small). */
export const SAVED_LINES = 200;

export const storageKey = (server: string, widgetId: string): string => `tandem-widget:${server}:${widgetId}`;

const isString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

function isMessage(v: unknown): v is CustomerMessage {
  if (typeof v !== 'object' || v === null) return false;
  const m = v as Record<string, unknown>;
  return Number.isSafeInteger(m.seq) && typeof m.text === 'string' && typeof m.displayName === 'string';
}

/** Reads the saved state; anything unreadable or of another version counts as none. */
export function loadResumeState(storage: KeyValueStorage, key: string): ResumeState | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(storage.getItem(key) ?? 'null');
  } catch {
    return undefined;
  }
  if (typeof raw !== 'object' || raw === null) return undefined;
  const s = raw as Record<string, unknown>;
  const c = s.credentials as Record<string, unknown> | undefined;
  if (s.version !== 1 || !c || !isString(c.chatId) || !isString(c.token) || !isString(c.participantId))
    return undefined;
  const lastSeq = Number.isSafeInteger(s.lastSeq) && (s.lastSeq as number) >= 0 ? (s.lastSeq as number) : 0;
  const messages = Array.isArray(s.messages) ? s.messages.filter(isMessage) : [];
  return {
    version: 1,
    credentials: { chatId: c.chatId, token: c.token, participantId: c.participantId },
    displayName: typeof s.displayName === 'string' ? s.displayName : '',
    lastSeq,
    messages: messages.slice(-SAVED_LINES),
    open: s.open === true,
  };
}

/** Saves the state; a full or refused storage only costs the resume, never the chat. */
export function saveResumeState(storage: KeyValueStorage, key: string, state: ResumeState): void {
  try {
    storage.setItem(key, JSON.stringify({ ...state, messages: state.messages.slice(-SAVED_LINES) }));
  } catch {
    // Private mode or quota: the chat goes on, a reload will start afresh.
  }
}

export function clearResumeState(storage: KeyValueStorage, key: string): void {
  try {
    storage.removeItem(key);
  } catch {
    // Nothing to do: the state could not have been saved either.
  }
}

/** Delay before the events socket's next reconnect: 0.5 s doubling to 15 s, with jitter from `random`. */
export function reconnectDelay(attempt: number, random: () => number): number {
  const base = Math.min(15_000, 500 * 2 ** Math.min(attempt, 5));
  return Math.round(base / 2 + (random() * base) / 2);
}
