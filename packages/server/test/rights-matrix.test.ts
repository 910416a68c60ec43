import { CONFIG_AREAS, CONFIG_KINDS, KIND_SPECS, type ConfigArea, type ConfigKind, type Right } from '@tandem/core';
import { afterAll, describe, expect, it } from 'vitest';
import { aCreateBody, aFreshEntity, editableFields, snapshotOf } from './support/config-fixtures.js';
import { aServer } from './support/harness.js';
import { operationsOf, type HttpMethod } from './support/openapi-operations.js';
import { RightsHolders, describeRights, type Holder } from './support/rights-holders.js';

/*
 * The rights matrix: every configuration and presence route, called by a user without the right it
 * needs, answers 403 and changes nothing; called by a user holding exactly that right, 2xx. The
 * routes come from the app's OpenAPI document, so a route added without a row here fails.
 * One server for the file: each attempt works on entities of its own, made fresh as the admin.
 */

const s = await aServer();
const admin = await s.logon('admin');
const holders = new RightsHolders(s, admin);
const operations = (await operationsOf(s)).filter(
  (op) => op.path.startsWith('/api/v1/config/') || op.path.startsWith('/api/v1/status/'),
);
afterAll(() => s.close());

interface Attempt {
  method: HttpMethod;
  url: string;
  body?: unknown;
  /** What the request would change (writes only): a refusal leaves it as it was, a success does not. */
  state?: () => Promise<unknown>;
}

interface Row {
  /** The route as the OpenAPI document names it. */
  route: string;
  does: string;
  /** Exactly the rights that open it; none means any logged-on user may. */
  needs: Right[];
  refused: { as: string; rights: Right[] }[];
  /** A fresh, valid request for `caller` to make. */
  attempt(caller: Holder): Promise<Attempt>;
}

const NO_RIGHT: Right[] = [];
const adminRight = (area: ConfigArea, access: 'view' | 'modify'): Right => ({ type: 'admin', area, access });
const changeStatus = (target: string): Right => ({ type: 'object', object: 'user', target, access: 'change-status' });
const statusNotes: Right = { type: 'security', right: 'status-notes' };

/**
 * Who must be refused a route of `area`: nobody without its right; the view right cannot write;
 * the rights of the other areas do not count.
 */
function refusalsFor(area: ConfigArea, write: boolean): Row['refused'] {
  return [
    { as: 'no right at all', rights: NO_RIGHT },
    ...(write ? [{ as: `only the ${area} view right`, rights: [adminRight(area, 'view')] }] : []),
    {
      as: `the modify right of every area but ${area}`,
      rights: CONFIG_AREAS.filter((a) => a !== area).map((a) => adminRight(a, 'modify')),
    },
  ];
}

const entityUrl = (kind: ConfigKind, id: string) => `/api/v1/config/${kind}/${encodeURIComponent(id)}`;
const entityState = (kind: ConfigKind, id: string) => () => snapshotOf(s, admin, entityUrl(kind, id));

async function replaceAttempt(kind: ConfigKind, change: Record<string, unknown> = {}): Promise<Attempt> {
  const id = await aFreshEntity(s, admin, kind);
  const entity = (await s.call(admin, 'GET', entityUrl(kind, id))).json();
  return {
    method: 'PUT',
    url: entityUrl(kind, id),
    body: { ...editableFields(kind, entity), ...change },
    state: entityState(kind, id),
  };
}

async function createAttempt(kind: ConfigKind, extra: Record<string, unknown> = {}): Promise<Attempt> {
  const body = { ...(await aCreateBody(s, admin, kind)), ...extra };
  return { method: 'POST', url: `/api/v1/config/${kind}`, body, state: entityState(kind, body.id as string) };
}

function configRows(kind: ConfigKind): Row[] {
  const { area, noun } = KIND_SPECS[kind];
  const base = `/api/v1/config/${kind}`;
  const view = [adminRight(area, 'view')];
  const modify = [adminRight(area, 'modify')];
  return [
    {
      route: `GET ${base}`,
      does: `lists ${kind}`,
      needs: view,
      refused: refusalsFor(area, false),
      attempt: async () => ({ method: 'GET', url: base }),
    },
    {
      route: `POST ${base}`,
      does: `creates a ${noun}`,
      needs: modify,
      refused: refusalsFor(area, true),
      attempt: () => createAttempt(kind),
    },
    {
      route: `GET ${base}/{id}`,
      does: `reads a ${noun}`,
      needs: view,
      refused: refusalsFor(area, false),
      attempt: async () => ({ method: 'GET', url: entityUrl(kind, await aFreshEntity(s, admin, kind)) }),
    },
    {
      route: `PUT ${base}/{id}`,
      does: `replaces a ${noun}`,
      needs: modify,
      refused: refusalsFor(area, true),
      attempt: () => replaceAttempt(kind),
    },
    {
      route: `DELETE ${base}/{id}`,
      does: `deletes a ${noun}`,
      needs: modify,
      refused: refusalsFor(area, true),
      attempt: async () => {
        const id = await aFreshEntity(s, admin, kind);
        return { method: 'DELETE', url: entityUrl(kind, id), state: entityState(kind, id) };
      },
    },
  ];
}

/** Writing `rights` or `licences` needs, besides the kind's own right, the right of that area too. */
function grantRows(kind: 'users' | 'roles' | 'workgroups', field: 'rights' | 'licences', value: unknown[]): Row[] {
  const { area, noun } = KIND_SPECS[kind];
  const own = adminRight(area, 'modify');
  const guard = adminRight(field, 'modify');
  const refused = [
    ...refusalsFor(area, true),
    { as: `only the ${area} modify right`, rights: [own] },
    { as: `only the ${field} modify right`, rights: [guard] },
  ];
  return [
    {
      route: `POST /api/v1/config/${kind}`,
      does: `creates a ${noun} with ${field}`,
      needs: [own, guard],
      refused,
      attempt: () => createAttempt(kind, { [field]: value }),
    },
    {
      route: `PUT /api/v1/config/${kind}/{id}`,
      does: `changes the ${field} of a ${noun}`,
      needs: [own, guard],
      refused,
      attempt: () => replaceAttempt(kind, { [field]: value }),
    },
  ];
}

const STATUS = '/api/v1/status';
const userStatusUrl = (userId: string) => `${STATUS}/user-statuses/${userId}`;

/** A selectable status other than the user's current one, so that setting it is a visible change. */
async function aDifferentStatus(userId: string): Promise<string> {
  const current = (await s.call(admin, 'GET', userStatusUrl(userId))).json().statusId;
  return current === 'away-from-desk' ? 'at-lunch' : 'away-from-desk';
}

function statusAttempt(target: (caller: Holder) => string, extra: Record<string, unknown> = {}) {
  return async (caller: Holder): Promise<Attempt> => {
    const userId = target(caller);
    const body = { statusId: await aDifferentStatus(userId), ...extra };
    return {
      method: 'PUT',
      url: userStatusUrl(userId),
      body,
      state: () => snapshotOf(s, admin, userStatusUrl(userId)),
    };
  };
}

const setStatus = `PUT ${STATUS}/user-statuses/{userId}`;
const statusRows: Row[] = [
  {
    route: `GET ${STATUS}/status-messages`,
    does: 'lists the status messages',
    needs: NO_RIGHT,
    refused: [],
    attempt: async () => ({ method: 'GET', url: `${STATUS}/status-messages` }),
  },
  {
    route: `GET ${STATUS}/user-statuses`,
    does: "reads everyone's status",
    needs: NO_RIGHT,
    refused: [],
    attempt: async () => ({ method: 'GET', url: `${STATUS}/user-statuses` }),
  },
  {
    route: `GET ${STATUS}/user-statuses/{userId}`,
    does: "reads another user's status",
    needs: NO_RIGHT,
    refused: [],
    attempt: async () => ({ method: 'GET', url: userStatusUrl('agent3') }),
  },
  {
    route: setStatus,
    does: 'sets its own status',
    needs: NO_RIGHT,
    refused: [],
    attempt: statusAttempt((caller) => caller.userId),
  },
  {
    route: setStatus,
    does: 'sets its own status with notes',
    needs: [statusNotes],
    refused: [{ as: 'no right at all', rights: NO_RIGHT }],
    attempt: statusAttempt((caller) => caller.userId, { notes: 'back at two' }),
  },
  {
    route: setStatus,
    does: "sets another user's status",
    needs: [changeStatus('agent3')],
    refused: [
      { as: 'no right at all', rights: NO_RIGHT },
      { as: 'change-status on a different user', rights: [changeStatus('agent4')] },
      { as: 'the users modify right', rights: [adminRight('users', 'modify')] },
    ],
    attempt: statusAttempt(() => 'agent3'),
  },
  {
    route: setStatus,
    does: "sets another user's status with change-status on every user",
    needs: [changeStatus('*')],
    refused: [],
    attempt: statusAttempt(() => 'agent3'),
  },
];

const ROWS: Row[] = [
  ...CONFIG_KINDS.flatMap(configRows),
  ...grantRows('users', 'rights', [{ type: 'security', right: 'transfer' }]),
  ...grantRows('users', 'licences', ['acd-chat']),
  ...grantRows('roles', 'rights', [{ type: 'security', right: 'transfer' }]),
  ...grantRows('workgroups', 'rights', [{ type: 'security', right: 'transfer' }]),
  {
    route: 'POST /api/v1/config/users/{id}/password',
    does: "resets a user's password",
    needs: [adminRight('users', 'modify')],
    refused: refusalsFor('users', true),
    attempt: async () => {
      const id = await aFreshEntity(s, admin, 'users');
      const state = async () => (await s.store.credentials.get(id))?.passwordHash;
      return {
        method: 'POST',
        url: `/api/v1/config/users/${id}/password`,
        body: { password: 'a-new-password' },
        state,
      };
    },
  },
  ...statusRows,
];

/** What any logged-on user may do without a right: said here on purpose, so a change to it shows. */
const OPEN_TO_ANY_LOGGED_ON_USER = [
  'GET /api/v1/status/status-messages: lists the status messages',
  "GET /api/v1/status/user-statuses: reads everyone's status",
  "GET /api/v1/status/user-statuses/{userId}: reads another user's status",
  'PUT /api/v1/status/user-statuses/{userId}: sets its own status',
];

async function attemptAs(caller: Holder | undefined, row: Row) {
  const attempt = await row.attempt(caller ?? (await holders.holding(NO_RIGHT)));
  const before = await attempt.state?.();
  const response = await s.call(caller?.token, attempt.method, attempt.url, attempt.body);
  const after = await attempt.state?.();
  return {
    attempt,
    response,
    before,
    after,
    what: `${attempt.method} ${attempt.url} ${JSON.stringify(attempt.body ?? '')} → ${response.statusCode} ${response.body}`,
  };
}

describe('the rights matrix', () => {
  it('has a row for every configuration and presence route of the OpenAPI document, and none for others', () => {
    expect(operations.length).toBeGreaterThan(CONFIG_KINDS.length * 5);
    expect([...new Set(ROWS.map((r) => r.route))].sort()).toEqual(operations.map((op) => op.key).sort());
  });

  it('says which routes any logged-on user may use without a right', () => {
    expect(ROWS.filter((r) => r.needs.length === 0).map((r) => `${r.route}: ${r.does}`)).toEqual(
      OPEN_TO_ANY_LOGGED_ON_USER,
    );
  });
});

describe.each(operations.map((op) => [op.key, op] as const))('%s', (_key, op) => {
  const rows = ROWS.filter((r) => r.route === op.key);
  if (rows.length === 0)
    it('has a row in the rights matrix', () => expect.fail(`no row for ${op.key}: add one to ROWS`));

  describe.each(rows.map((row) => [row.does, row] as const))('%s', (_does, row) => {
    it('refuses a caller with no session (401) and changes nothing', async () => {
      const { response, before, after, what } = await attemptAs(undefined, row);
      expect(response.statusCode, what).toBe(401);
      expect(response.json().error.code).toBe('NOT_AUTHENTICATED');
      expect(after).toEqual(before);
    });

    const allowed =
      row.needs.length === 0
        ? 'needs no right: a user holding none may (2xx)'
        : `is allowed with exactly ${describeRights(row.needs)} (2xx)`;
    it(allowed, async () => {
      const { response, before, after, attempt, what } = await attemptAs(await holders.holding(row.needs), row);
      expect(response.statusCode, what).toBeGreaterThanOrEqual(200);
      expect(response.statusCode, what).toBeLessThan(300);
      if (attempt.state) expect(after, `${what} should have changed something`).not.toEqual(before);
    });

    it.each(row.refused.map((r) => [r.as, r.rights] as const))(
      'is refused (403) with %s, and changes nothing',
      async (_as, rights) => {
        const { response, before, after, what } = await attemptAs(await holders.holding(rights), row);
        expect(response.statusCode, what).toBe(403);
        expect(response.json().error.code, what).toBe('FORBIDDEN');
        expect(response.json().error.message, what).toMatch(/needs? the .*right/);
        expect(after, what).toEqual(before);
      },
    );
  });
});
