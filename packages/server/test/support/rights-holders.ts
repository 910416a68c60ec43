import type { Right } from '@tandem/core';
import { expect } from 'vitest';
import type { TestServer } from './harness.js';

export interface Holder {
  userId: string;
  token: string;
}

/**
 * Logged-on users who hold exactly a given set of rights: each gets a role with just those rights
 * and no workgroups, so nothing else adds to them. One user per distinct set, made on first use.
 */
export class RightsHolders {
  private readonly holders = new Map<string, Promise<Holder>>();

  constructor(
    private readonly s: TestServer,
    private readonly admin: string,
  ) {}

  /** A user whose effective rights are exactly `rights` (none when empty). */
  holding(rights: readonly Right[]): Promise<Holder> {
    const key = JSON.stringify(rights);
    let holder = this.holders.get(key);
    if (!holder) {
      holder = this.create(rights, this.holders.size + 1);
      this.holders.set(key, holder);
    }
    return holder;
  }

  private async create(rights: readonly Right[], n: number): Promise<Holder> {
    const { s, admin } = this;
    const userId = `holder-${n}`;
    const roles: string[] = [];
    if (rights.length > 0) {
      const role = await s.call(admin, 'POST', '/api/v1/config/roles', {
        id: `holder-role-${n}`,
        displayName: `Holder ${n}`,
        rights,
      });
      expect(role.statusCode, role.body).toBe(201);
      roles.push(`holder-role-${n}`);
    }
    const password = `holder-password-${n}`;
    const user = await s.call(admin, 'POST', '/api/v1/config/users', {
      id: userId,
      displayName: `Holder ${n}`,
      password,
      roles,
    });
    expect(user.statusCode, user.body).toBe(201);
    const token = await s.logon(userId, password);
    const session = (await s.call(token, 'GET', '/api/v1/connection')).json();
    // The premise of every row of the matrix: the holder has these rights and nothing more.
    expect(session.rights).toEqual(rights);
    return { userId, token };
  }
}

/** A short readable name of a right set, for test names. */
export function describeRights(rights: readonly Right[]): string {
  if (rights.length === 0) return 'no right at all';
  return rights
    .map((r) => {
      switch (r.type) {
        case 'admin':
          return `${r.area} ${r.access}`;
        case 'object':
          return `${r.access} on ${r.object} ${r.target}`;
        case 'security':
          return r.right;
        case 'queue':
          return `${r.level} on ${r.queueType} queue ${r.target}`;
        case 'process':
          return `${r.access} process ${r.definition}`;
      }
    })
    .join(' + ');
}
