import type { LicenceType } from '../licences/licence.js';
import type { RightSet } from '../rights/right-set.js';

export interface ProcessAccessAnswer {
  /** Start an instance (needs the process licence when licences are given). */
  launch: boolean;
  /** Search for and see an instance: the view right, the manage right, or being its originator. */
  view: boolean;
  /** Cancel, retry, edit variables. */
  manage: boolean;
}

/**
 * Process rights per definition, as the reference gives them: launch, view and manage are separate
 * rights (manage implies view); the originator may always view its own instance. When `licences`
 * (effective licences) are given, launching also needs `process-direct-routed` and viewing others'
 * instances or managing needs `process-monitor`.
 */
export function processAccess(input: {
  rights: RightSet;
  userId: string;
  definitionId: string;
  instance?: { originator: string | null };
  licences?: readonly LicenceType[];
}): ProcessAccessAnswer {
  const { rights, definitionId, licences } = input;
  const licensed = (type: LicenceType) => licences === undefined || licences.includes(type);
  const monitor = licensed('process-monitor');
  const own = input.instance !== undefined && input.instance.originator === input.userId;
  return {
    launch: licensed('process-direct-routed') && rights.canProcess(definitionId, 'launch'),
    view: own || (monitor && rights.canProcess(definitionId, 'view')),
    manage: monitor && rights.canProcess(definitionId, 'manage'),
  };
}
