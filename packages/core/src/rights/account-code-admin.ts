import type { RightSet } from './right-set.js';

/**
 * What a user may administer of the account codes, after the manual: Administrator Access to all
 * codes (or the Master Administrator right) covers every code, adding them and the Account Codes
 * switch; access to the codes of some Access Control Groups covers those codes, and adding codes
 * to those groups; access to all groups covers every code in a group and the switch; access to
 * selected codes covers those codes, never adding one.
 */
export interface AccountCodeAdminScope {
  all: boolean;
  allGroups: boolean;
  groups: ReadonlySet<string>;
  codes: ReadonlySet<string>;
}

/** An account code as far as its administration cares. */
export interface AccountCodeRef {
  id: string;
  accessControlGroup?: string | undefined;
}

const GROUP = 'acg:';

/** The scope of a user's administrator rights on account codes, for viewing or for changing. */
export function accountCodeAdminScope(rights: RightSet, access: 'view' | 'modify'): AccountCodeAdminScope {
  const scope = {
    all: rights.canAdmin('account-codes', access),
    allGroups: false,
    groups: new Set<string>(),
    codes: new Set<string>(),
  };
  for (const r of rights.rights) {
    if (r.type !== 'admin' || r.area !== 'account-codes' || r.target === undefined || r.target === '*') continue;
    if (access === 'modify' && r.access !== 'modify') continue;
    if (r.target === `${GROUP}*`) scope.allGroups = true;
    else if (r.target.startsWith(GROUP)) scope.groups.add(r.target.slice(GROUP.length));
    else scope.codes.add(r.target);
  }
  return scope;
}

/** Whether the scope reaches any code at all (the Account Codes view shows). */
export function administersAnyAccountCode(scope: AccountCodeAdminScope): boolean {
  return scope.all || scope.allGroups || scope.groups.size > 0 || scope.codes.size > 0;
}

/** Whether the scope covers this code. */
export function administersAccountCode(scope: AccountCodeAdminScope, code: AccountCodeRef): boolean {
  if (scope.all || scope.codes.has(code.id)) return true;
  const group = code.accessControlGroup;
  return group !== undefined && (scope.allGroups || scope.groups.has(group));
}

/** Whether the scope may add a code in this Access Control Group (undefined: in none). */
export function mayAddAccountCode(scope: AccountCodeAdminScope, group: string | undefined): boolean {
  return scope.all || (group !== undefined && (scope.allGroups || scope.groups.has(group)));
}

/** Whether the scope may turn account codes on or off (`AccountCodesEnabled`). */
export function mayToggleAccountCodes(scope: AccountCodeAdminScope): boolean {
  return scope.all || scope.allGroups;
}
