import { postgresTestTarget } from '@tandem/store/testing';
import { afterAll, describe, expect, it } from 'vitest';
import {
  aDefinition,
  aForm,
  aLocalService,
  aProcessServer,
  aScoreDefinition,
  act,
  aVariable,
  details,
  json,
  launch,
  publish,
} from './process-kit.js';
import type { TestServer } from './support/harness.js';

// The runner, work items and restore on PostgreSQL (the other process tests run on PGlite).

const postgres = await postgresTestTarget();
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

describe.skipIf(postgres.skip)('the process engine on PostgreSQL', () => {
  it('runs a web service and a work item, and a restart brings the call in flight back restored in error and the item held', async () => {
    let answer = true;
    const service = await aLocalService((_req, res) => (answer ? json(res, 200, { score: 650 }) : undefined));
    cleanups.push(() => service.close());
    const s = await aProcessServer({ engine: 'postgres' });
    cleanups.push(() => s.store.close());
    const admin = await s.logon('admin');
    await publish(s, admin, aScoreDefinition('pg-score', service.url));
    const variables = [aVariable('Note', 'String'), aVariable('Reviewer', 'User', { initial: 'agent5' })];
    const ask = act('sendWorkItemToUser', { form: 'f', user: 'Reviewer', exits: [{ button: 'Submit', actions: [] }] });
    await publish(s, admin, aDefinition({ id: 'pg-ask', variables, forms: [aForm('f', ['Note'])], actions: [ask] }));

    const scored = await launch(s, admin, 'pg-score');
    expect(await details(s, admin, scored.id)).toMatchObject({ status: 'completed', variables: { Score: 650 } });
    const asked = await launch(s, admin, 'pg-ask');
    const item = ((await details(s, admin, asked.id))['workItem'] as { interactionId: string }).interactionId;
    const agent5 = await s.logon('agent5');
    expect((await s.call(agent5, 'POST', `/api/v1/interactions/${item}/pickup`, {})).statusCode).toBe(200);
    answer = false;
    const hanging = await launch(s, admin, 'pg-score');
    while (service.requests.length < 2) await new Promise((r) => setTimeout(r, 5));

    const again: TestServer = await aProcessServer({ store: s.store, clock: s.clock });
    cleanups.push(() => again.tandem.close());
    expect(await details(again, admin, hanging.id)).toMatchObject({ status: 'error', restoredInError: true });
    expect((await again.call(admin, 'GET', `/api/v1/interactions/${item}`)).json()).toMatchObject({
      state: 'parked',
      queue: { type: 'user', id: 'agent5' },
    });
    answer = true;
    expect((await again.call(admin, 'POST', `/api/v1/process-instances/${hanging.id}/retry`, {})).statusCode).toBe(200);
    expect(await details(again, admin, hanging.id)).toMatchObject({ status: 'completed', variables: { Score: 650 } });
  });
});
