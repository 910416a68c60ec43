import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { aServer, type TestServer } from './support/harness.js';

let s: TestServer;
beforeAll(async () => {
  s = await aServer();
});
afterAll(async () => {
  await s.close();
});

describe('memory rebuilt from the database', () => {
  it('holds the same directory, statuses and sessions as the server that wrote them', async () => {
    const admin = await s.logon('admin');
    const agent = await s.logon('agent1');
    await s.call(admin, 'POST', '/api/v1/config/skills', {
      id: 'French',
      displayName: 'French',
      treatAsLanguage: true,
    });
    await s.call(agent, 'PUT', '/api/v1/status/user-statuses/agent1', { statusId: 'at-lunch', notes: 'soup' });
    await s.call(admin, 'PUT', '/api/v1/config/licences/journey', { count: 7 });

    const config = { ...loadConfig({}), logLevel: 'silent' as const };
    const rebuilt = await createServer({ config, store: s.store, clock: s.clock });
    try {
      const sorted = (t: typeof rebuilt) =>
        [...t.directory.directory.records()].sort((a, b) => `${a.kind}/${a.id}`.localeCompare(`${b.kind}/${b.id}`));
      expect(sorted(rebuilt)).toEqual(sorted(s.tandem));
      for (const user of s.tandem.directory.directory.list('users'))
        expect(rebuilt.presence.get(user.id)).toEqual(s.tandem.presence.get(user.id));
      expect(rebuilt.sessions.activeCount).toBe(2);
      // The rebuilt server accepts the sessions' tokens.
      const response = await rebuilt.app.inject({
        method: 'GET',
        url: '/api/v1/connection',
        headers: { authorization: `Bearer ${agent}` },
      });
      expect(response.json()).toMatchObject({ userId: 'agent1' });
    } finally {
      await rebuilt.app.close();
    }
  });
});
