import type { RightSet } from '../rights/right-set.js';

/**
 * The manual's two rights for assigning account codes: the View Account Codes access-control right
 * (all codes, or selected ones) shows the Account Code fields and says which codes one may pick;
 * the Account Code Verification security right lets one assign them. Both are needed, on top of
 * account codes being enabled (`AccountCodesEnabled`).
 */

/** Whether the user holds View Account Codes on at least one code: the action is offered at all. */
export function viewsAnyAccountCode(rights: RightSet): boolean {
  return rights.rights.some((r) => r.type === 'object' && r.object === 'account-code' && r.access === 'view');
}

/** Whether the user may assign this code: View Account Codes on it (or on all codes). */
export function mayAssignAccountCode(rights: RightSet, code: string): boolean {
  return rights.has('account-code-verification') && rights.canOnObject('account-code', code, 'view');
}
