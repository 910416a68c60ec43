import type { ReactNode } from 'react';
import { SessionContext, type SessionValue } from './session-store.js';

export type { RightCheck } from './rights.js';
export { useSession } from './session-store.js';
export type { ConnectionInfo, SessionValue } from './session-store.js';

/** Provides the logged-on session to every view (`useSession()`). */
export function SessionProvider({ value, children }: { value: SessionValue; children: ReactNode }) {
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
