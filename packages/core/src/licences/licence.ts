import { z } from 'zod';

/**
 * Licence types. `client-access` is concurrent: taken from the pool at logon and given back at logoff
 * or session timeout. The others are named: assigned to users, at most `count` users each.
 * Process licences are tiered: each includes the ones before it.
 */
export const LICENCE_TYPES = [
  'client-access',
  'acd-call',
  'acd-chat',
  'acd-email',
  'acd-callback',
  'acd-sms',
  'acd-generic',
  'supervisor',
  'process-direct-routed',
  'process-group-routed',
  'process-monitor',
  'process-designer',
  'journey',
] as const;
export type LicenceType = (typeof LICENCE_TYPES)[number];
export const licenceType = z.enum(LICENCE_TYPES);

export const CONCURRENT_LICENCES: readonly LicenceType[] = ['client-access'];
export const PROCESS_TIERS: readonly LicenceType[] = [
  'process-direct-routed',
  'process-group-routed',
  'process-monitor',
  'process-designer',
];

export function isConcurrentLicence(type: LicenceType): boolean {
  return CONCURRENT_LICENCES.includes(type);
}

/** The licences a user effectively holds: the assigned ones, with process tiers expanded downwards. */
export function effectiveLicences(assigned: readonly LicenceType[]): LicenceType[] {
  const result = new Set<LicenceType>(assigned);
  let top = -1;
  for (const type of assigned) top = Math.max(top, PROCESS_TIERS.indexOf(type));
  for (let i = 0; i <= top; i++) result.add(PROCESS_TIERS[i] as LicenceType);
  return LICENCE_TYPES.filter((t) => result.has(t));
}

/** The ACD licence that lets an agent receive interactions of a media type; work items need a process licence. */
export function acdLicenceFor(media: string): LicenceType | undefined {
  const map: Record<string, LicenceType> = {
    call: 'acd-call',
    chat: 'acd-chat',
    email: 'acd-email',
    callback: 'acd-callback',
    sms: 'acd-sms',
    generic: 'acd-generic',
    workitem: 'process-group-routed',
  };
  return map[media];
}
