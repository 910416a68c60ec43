import {
  KIND_SPECS,
  TandemError,
  accountCodeAdminScope,
  administersAccountCode,
  administersAnyAccountCode,
  mayAddAccountCode,
  mayToggleAccountCodes,
  type ConfigKind,
  type RightSet,
} from '@tandem/core';

/** An entity as far as access to it cares: its id, and an account code's Access Control Group. */
export interface EntityRef {
  id: string;
  accessControlGroup?: unknown;
}

/** What a user may reach of one configuration kind, for viewing or for changing. */
export interface KindAccess {
  /** Whether the user may read (view) or change and delete (modify) this entity. Throws nothing. */
  covers(entity: EntityRef): boolean;
  /** Throws FORBIDDEN unless `covers(entity)`. */
  require(entity: EntityRef): void;
  /** Throws FORBIDDEN unless the user may add this entity. */
  requireCreate(entity: EntityRef): void;
}

/**
 * The access a user has to a kind: the kind's administrator right covers all of it. Account codes
 * are narrower (the manual's Administrator Access to all codes, to the codes of Access Control
 * Groups, or to selected codes), and turning them on or off (`AccountCodesEnabled`) needs access
 * to all codes or to all groups besides the server parameters right. Throws FORBIDDEN when the
 * user may reach nothing of the kind.
 */
export function kindAccess(rights: RightSet, kind: ConfigKind, access: 'view' | 'modify'): KindAccess {
  if (kind === 'account-codes') return accountCodeAccess(rights, access);
  const area = KIND_SPECS[kind].area;
  if (!rights.canAdmin(area, access))
    throw new TandemError(
      'FORBIDDEN',
      `${access === 'view' ? 'reading' : 'changing'} ${kind} needs the ${area} administrator right (${access})`,
    );
  const covers = (entity: EntityRef) =>
    kind !== 'server-parameters' ||
    access === 'view' ||
    entity.id !== 'AccountCodesEnabled' ||
    mayToggleAccountCodes(accountCodeAdminScope(rights, 'modify'));
  const require = (entity: EntityRef) => {
    if (!covers(entity))
      throw new TandemError(
        'FORBIDDEN',
        'turning account codes on or off needs the account-codes administrator right on all codes or on all Access Control Groups',
      );
  };
  return { covers, require, requireCreate: require };
}

function accountCodeAccess(rights: RightSet, access: 'view' | 'modify'): KindAccess {
  const scope = accountCodeAdminScope(rights, access);
  if (!administersAnyAccountCode(scope))
    throw new TandemError(
      'FORBIDDEN',
      `${access === 'view' ? 'reading' : 'changing'} account codes needs the account-codes administrator right (${access}), on all codes, on Access Control Groups or on selected codes`,
    );
  const covers = (entity: EntityRef) =>
    administersAccountCode(scope, { id: entity.id, accessControlGroup: groupOf(entity) });
  return {
    covers,
    require(entity) {
      if (!covers(entity))
        throw new TandemError(
          'FORBIDDEN',
          `account code '${entity.id}'${groupOf(entity) === undefined ? '' : ` in Access Control Group '${groupOf(entity)}'`} needs the account-codes administrator right on it, its group or all codes`,
        );
    },
    requireCreate(entity) {
      const group = groupOf(entity);
      if (!mayAddAccountCode(scope, group))
        throw new TandemError(
          'FORBIDDEN',
          group === undefined
            ? 'adding an account code outside any Access Control Group needs the account-codes administrator right on all codes'
            : `adding an account code to Access Control Group '${group}' needs the account-codes administrator right on that group or on all codes`,
        );
    },
  };
}

function groupOf(entity: EntityRef): string | undefined {
  return typeof entity.accessControlGroup === 'string' ? entity.accessControlGroup : undefined;
}
