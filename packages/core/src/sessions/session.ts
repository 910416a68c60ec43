/** Where a user works from: a workstation, a remote number, or no station at all. */
export type Station =
  | { type: 'none' }
  | { type: 'workstation'; id: string }
  | { type: 'remote'; number: string; persistent?: boolean | undefined };

/** A logged-on session. The token is only known to the client; the store keeps its hash. */
export interface Session {
  id: string;
  userId: string;
  /** sha-256 of the bearer token, hex. */
  tokenHash: string;
  csrfToken: string;
  station: Station;
  /** The concurrent licences this session holds, given back when it ends. */
  licences: string[];
  createdAt: number;
  lastSeenAt: number;
  endedAt: number | null;
  endReason: SessionEndReason | null;
}

export type SessionEndReason =
  | 'logoff'
  | 'timeout'
  | 'logged-on-elsewhere'
  | 'station-taken'
  | 'user-disabled'
  | 'password-changed'
  | 'user-deleted';

/** Stations are keyed so that one station holds one user: `workstation:W1`, `remote:+3212345`. */
export function stationKey(station: Station): string | undefined {
  if (station.type === 'workstation') return `workstation:${station.id}`;
  if (station.type === 'remote') return `remote:${station.number.replace(/[^0-9+]/g, '')}`;
  return undefined;
}
