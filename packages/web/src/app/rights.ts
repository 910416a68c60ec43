/**
 * Client-side evaluation of the rights the server sent at logon (`info.rights`), to show or hide
 * views and buttons. The server enforces every right again; this only avoids offering what would
 * be refused. Mirrors core's `RightSet` without importing core.
 */
export type RightCheck =
  | { type: 'admin'; area: string; access?: 'view' | 'modify' }
  | { type: 'queue'; queueType: 'user' | 'workgroup' | 'station'; target: string; level: QueueLevel }
  | { type: 'object'; object: string; target: string; access: string }
  | { type: 'process'; definition: string; access: 'launch' | 'view' | 'manage' }
  | { type: 'security'; right: string };

export type QueueLevel = 'view' | 'modify' | 'monitor' | 'search';

interface RightRecord {
  type?: unknown;
  area?: unknown;
  access?: unknown;
  queueType?: unknown;
  target?: unknown;
  level?: unknown;
  object?: unknown;
  definition?: unknown;
  right?: unknown;
}

const LEVEL_ORDER: Record<QueueLevel, number> = { view: 0, search: 1, modify: 2, monitor: 3 };

function matchesTarget(granted: unknown, wanted: string): boolean {
  return granted === '*' || wanted === '*' || granted === wanted;
}

function grants(record: RightRecord, check: RightCheck): boolean {
  if (record.type !== check.type) return false;
  switch (check.type) {
    case 'admin':
      return (
        (record.area === '*' || record.area === check.area || check.area === '*') &&
        (record.access === 'modify' || (check.access ?? 'view') === 'view')
      );
    case 'queue':
      // Any level lets one see the queue; other levels are granted as such.
      return (
        record.queueType === check.queueType &&
        matchesTarget(record.target, check.target) &&
        (check.level === 'view' || record.level === check.level)
      );
    case 'object':
      return (
        record.object === check.object && record.access === check.access && matchesTarget(record.target, check.target)
      );
    case 'process':
      return (
        matchesTarget(record.definition, check.definition) &&
        (record.access === check.access || (record.access === 'manage' && check.access === 'view'))
      );
    case 'security':
      return record.right === check.right;
  }
}

/** Whether `rights` (the list from the session) grant `check`. A `'*'` target in the check means "any". */
export function hasRight(rights: unknown, check: RightCheck): boolean {
  if (!Array.isArray(rights)) return false;
  return rights.some((r) => typeof r === 'object' && r !== null && grants(r as RightRecord, check));
}

/** The queue levels in a stable order (for menus). */
export const QUEUE_LEVELS = Object.keys(LEVEL_ORDER) as QueueLevel[];
