/** A place to transfer to, as the dialog lists it. */
export type TransferTarget =
  | {
      kind: 'user';
      id: string;
      name: string;
      statusText?: string | undefined;
      available?: boolean | undefined;
      loggedOn?: boolean | undefined;
    }
  | {
      kind: 'workgroup';
      id: string;
      name: string;
      waiting?: number | undefined;
      longestWaitMs?: number | null | undefined;
      agentsAvailable?: number | undefined;
    };

function rank(target: TransferTarget, query: string): number | undefined {
  if (query === '') return 2;
  const name = target.name.toLowerCase();
  const id = target.id.toLowerCase();
  if (name.startsWith(query) || id.startsWith(query)) return 0;
  if (name.split(/\s+/).some((word) => word.startsWith(query))) return 1;
  if (name.includes(query) || id.includes(query)) return 2;
  return undefined;
}

/**
 * The targets matching what was typed: names or ids starting with it first, then a word of the
 * name, then anywhere; within a rank, available users and workgroups with agents come first, then
 * by name. A consult offers logged-on users only; nobody is offered themselves.
 */
export function matchTargets(
  targets: readonly TransferTarget[],
  typed: string,
  options: { mode: 'transfer' | 'consult'; self: string; limit?: number },
): TransferTarget[] {
  const query = typed.trim().toLowerCase();
  const ready = (t: TransferTarget) =>
    t.kind === 'user' ? (t.available ? 0 : t.loggedOn ? 1 : 2) : (t.agentsAvailable ?? 0) > 0 ? 0 : 1;
  return targets
    .filter((t) => !(t.kind === 'user' && t.id === options.self))
    .filter((t) => options.mode === 'transfer' || (t.kind === 'user' && t.loggedOn === true))
    .map((t) => ({ t, r: rank(t, query) }))
    .filter((x): x is { t: TransferTarget; r: number } => x.r !== undefined)
    .sort((a, b) => a.r - b.r || ready(a.t) - ready(b.t) || a.t.name.localeCompare(b.t.name))
    .slice(0, options.limit ?? 30)
    .map((x) => x.t);
}
