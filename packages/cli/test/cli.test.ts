import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../src/main.js';
import { api, startServerProcess } from './support/server-process.js';

let dataDir: string;
const logs: string[] = [];
beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'tandem-cli-'));
  process.env.TANDEM_DATA_DIR = dataDir;
  process.env.TANDEM_DEMO_PASSWORD = 'cli-demo-password';
  vi.spyOn(console, 'log').mockImplementation((line: string) => void logs.push(line));
  vi.spyOn(console, 'error').mockImplementation((line: string) => void logs.push(line));
});
afterAll(() => {
  vi.restoreAllMocks();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the tandem command', () => {
  it('applies migrations', async () => {
    expect(await main(['migrate'])).toBe(0);
    expect(logs.at(-1)).toMatch(/migrations applied \(PGlite in .*tandem-cli-/);
  });

  it('seeds the demo organisation once', async () => {
    expect(await main(['seed'])).toBe(0);
    expect(logs.at(-1)).toMatch(/seeded admin, supervisor, agent1, agent2, agent3, agent4, agent5, agent6/);
    expect(await main(['seed'])).toBe(0);
    expect(logs.at(-1)).toBe('the directory already has users: nothing seeded');
  });

  it('adds a user and changes a password, refusing what breaks the rules', async () => {
    expect(
      await main([
        'user',
        'add',
        'carol',
        '--name',
        'Carol Mbeki',
        '--password',
        'carol-password',
        '--workgroup',
        'Support',
        '--role',
        'Agent',
      ]),
    ).toBe(0);
    expect(await main(['user', 'add', 'carol', '--name', 'Again', '--password', 'carol-password'])).toBe(1);
    expect(logs.at(-1)).toMatch(/user 'carol' already exists/);
    expect(await main(['user', 'add', 'dan', '--password', 'dan-password', '--workgroup', 'Nowhere'])).toBe(1);
    expect(logs.at(-1)).toMatch(/workgroups.0: no workgroup 'Nowhere'/);
    expect(await main(['user', 'passwd', 'carol', '--password', 'short'])).toBe(1);
    expect(logs.at(-1)).toMatch(/at least 8 characters/);
    expect(await main(['user', 'passwd', 'carol', '--password', 'carols-new-password', '--must-change'])).toBe(0);
  });

  it('explains how it is used when the command is unknown', async () => {
    expect(await main(['frobnicate'])).toBe(2);
    expect(logs.at(-1)).toMatch(/^Usage: tandem <command>/);
  });

  it('serves what the commands wrote', async () => {
    const server = await startServerProcess({ TANDEM_DATA_DIR: dataDir });
    try {
      const logon = await api(server.url, 'POST', '/api/v1/connection', undefined, {
        userId: 'carol',
        password: 'carols-new-password',
      });
      expect(logon.status).toBe(201);
      expect(logon.json).toMatchObject({ displayName: 'Carol Mbeki', passwordChangeRequired: true });
    } finally {
      await server.stop();
    }
  });
});
