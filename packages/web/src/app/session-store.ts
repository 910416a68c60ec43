import type { BrowserSessionInfo, EventStream, TandemClient } from '@tandem/client';
import { createContext, useContext } from 'react';
import type { RightCheck } from './rights.js';
import type { TopicMux } from './topic-mux.js';

/** The session behind the cookie, as `GET /api/v1/connection` answers it (no bearer token). */
export type ConnectionInfo = BrowserSessionInfo;

/** What every view gets from `useSession()`. */
export interface SessionValue {
  /** Talks to the server with the session cookie and the CSRF token. */
  client: TandemClient;
  info: ConnectionInfo;
  /** Evaluates `info.rights` (the server checks again on every request). */
  hasRight: (check: RightCheck) => boolean;
  logoff: () => Promise<void>;
  /** The session's one event stream (prefer `useTopic`). */
  stream: EventStream;
  mux: TopicMux;
  /** Replaces `info` after a station change. */
  updateInfo: (info: ConnectionInfo) => void;
}

export const SessionContext = createContext<SessionValue | undefined>(undefined);

/** The logged-on session; throws outside `SessionProvider` (every view is rendered inside it). */
export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession() needs a SessionProvider above it');
  return value;
}
