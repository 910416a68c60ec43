import { CONCURRENT_LICENCES, LICENCE_TYPES, type ConfigKind } from '@tandem/core';
import { expect } from 'vitest';
import type { TestServer } from './harness.js';

let counter = 0;
/** A number no other fixture of this process has used, for fresh ids. */
export const nextNumber = (): number => ++counter;

interface KindFixture {
  /** A fresh id of this kind (licences have a fixed set of ids: see `freeLicence`). */
  newId(n: number): string;
  /** The fields of a valid create body, besides the id. */
  fields(n: number): Record<string, unknown>;
}

const named = (prefix: string): KindFixture => ({
  newId: (n) => `${prefix}-${n}`,
  fields: (n) => ({ displayName: `${prefix} ${n}` }),
});

/**
 * A valid create body per configuration kind: the least a client must send. A `Record` over every
 * kind, so a new kind does not compile until it has one.
 */
export const KIND_FIXTURES: Record<ConfigKind, KindFixture> = {
  users: {
    newId: (n) => `user-${n}`,
    fields: (n) => ({ displayName: `User ${n}`, password: `password-of-${n}` }),
  },
  roles: named('role'),
  workgroups: named('workgroup'),
  skills: named('skill'),
  'status-messages': {
    newId: (n) => `status-${n}`,
    fields: (n) => ({ text: `Status ${n}`, available: false, availableForAcd: false }),
  },
  'wrap-up-codes': named('wrap-up'),
  'account-codes': { newId: (n) => `${900_000 + n}`, fields: (n) => ({ name: `Account ${n}` }) },
  'server-parameters': { newId: (n) => `CustomParameter${n}`, fields: (n) => ({ value: `value ${n}` }) },
  licences: { newId: () => 'journey', fields: () => ({ count: 5 }) },
  'security-specifications': named('security-spec'),
  'response-libraries': named('library'),
  widgets: {
    newId: (n) => `widget-${n}`,
    fields: (n) => ({ name: `Widget ${n}`, workgroup: 'Support', title: `Chat ${n}` }),
  },
};

/** A valid create body for `kind` with a fresh id (for licences: a licence type nobody holds, first deleted). */
export async function aCreateBody(s: TestServer, admin: string, kind: ConfigKind): Promise<Record<string, unknown>> {
  const n = nextNumber();
  const id = kind === 'licences' ? await freeLicence(s, admin, { present: false }) : KIND_FIXTURES[kind].newId(n);
  return { id, ...KIND_FIXTURES[kind].fields(n) };
}

/** Creates a fresh entity of `kind` as `admin` and answers its id. */
export async function aFreshEntity(
  s: TestServer,
  admin: string,
  kind: ConfigKind,
  extra: Record<string, unknown> = {},
): Promise<string> {
  if (kind === 'licences') return freeLicence(s, admin, { present: true });
  const body = { ...(await aCreateBody(s, admin, kind)), ...extra };
  const created = await s.call(admin, 'POST', `/api/v1/config/${kind}`, body);
  expect(created.statusCode, `creating ${kind} ${JSON.stringify(body)}: ${created.body}`).toBe(201);
  return body.id as string;
}

/**
 * A named licence type that no user holds (so it may be deleted and created again), made absent or
 * present as asked. Concurrent licences are never taken: logons need them.
 */
export async function freeLicence(s: TestServer, admin: string, want: { present: boolean }): Promise<string> {
  const users = (await s.call(admin, 'GET', '/api/v1/config/users?limit=10000')).json().items as {
    licences: string[];
  }[];
  const held = new Set(users.flatMap((u) => u.licences));
  const type = LICENCE_TYPES.find((t) => !held.has(t) && !CONCURRENT_LICENCES.includes(t));
  if (!type) throw new Error('every named licence type is held by someone');
  const present = (await s.call(admin, 'GET', `/api/v1/config/licences/${type}`)).statusCode === 200;
  if (present && !want.present)
    expect((await s.call(admin, 'DELETE', `/api/v1/config/licences/${type}`)).statusCode).toBe(204);
  if (!present && want.present)
    expect((await s.call(admin, 'POST', '/api/v1/config/licences', { id: type, count: 5 })).statusCode).toBe(201);
  return type;
}

/** The fields a client writes back on replace: the entity as read, without what the server derives. */
export function editableFields(kind: ConfigKind, entity: Record<string, unknown>): Record<string, unknown> {
  const { id: _id, revision: _r, createdAt: _c, updatedAt: _u, ...fields } = entity;
  if (kind === 'workgroups') delete fields.members;
  if (kind === 'server-parameters') delete fields.configured;
  return fields;
}

/** An entity as `admin` reads it, with its status, to show what a request did or did not change. */
export async function snapshotOf(
  s: TestServer,
  admin: string,
  url: string,
): Promise<{ status: number; body: unknown }> {
  const response = await s.call(admin, 'GET', url);
  return { status: response.statusCode, body: response.json() };
}
