import { createInterface } from 'node:readline/promises';
import { KIND_SPECS, TandemError, type TandemStore } from '@tandem/core';
import { createServer, seedIfEmpty, startTandem, type ServerConfig } from '@tandem/server';
import { openStore } from '@tandem/store';
import { flowAdminCommand, flowAdminUsage } from './flow-admin.js';

type Values = Record<string, string | boolean | string[] | undefined>;
type OptionSpec = Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }>;

export interface Command {
  options: OptionSpec;
  handler(config: ServerConfig, values: Values, positionals: string[]): Promise<number>;
}

export const usage = `Usage: tandem <command>

  serve                         start the server (PGlite in TANDEM_DATA_DIR, or TANDEM_DATABASE_URL)
  migrate                       apply database migrations and exit
  seed                          create the base and demo organisation on an empty database
  user add <id> --name <name> [--password <pw>] [--role <r>]... [--workgroup <w>]... [--licence <l>]...
  user passwd <id> [--password <pw>] [--must-change]
                                without --password, the password is read from standard input
${flowAdminUsage}

With PGlite, stop the server before running migrate, seed or user: one process owns the data directory.`;

const openFor = (config: ServerConfig): Promise<TandemStore> =>
  openStore(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir });

/** Opens the store and the server's services without listening, runs `fn`, closes everything. */
async function withServer<T>(
  config: ServerConfig,
  fn: (tandem: Awaited<ReturnType<typeof createServer>>) => Promise<T>,
): Promise<T> {
  const store = await openFor(config);
  try {
    const tandem = await createServer({ config: { ...config, logLevel: 'warn' }, store });
    try {
      return await fn(tandem);
    } finally {
      await tandem.close();
    }
  } finally {
    await store.close();
  }
}

async function passwordFrom(values: Values): Promise<string> {
  if (typeof values.password === 'string') return values.password;
  const rl = createInterface({ input: process.stdin, terminal: false });
  try {
    for await (const line of rl) if (line.trim()) return line.trim();
  } finally {
    rl.close();
  }
  throw new Error('no password given: pass --password or write it to standard input');
}

function list(value: Values[string]): string[] {
  return Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
}

function explain(error: unknown): never {
  if (error instanceof TandemError) {
    const issues = error.details?.issues?.map((i) => `  ${i.path}: ${i.message}`).join('\n');
    throw new Error(issues ? `${error.message}\n${issues}` : error.message);
  }
  throw error;
}

export const commands: Record<string, Command> = {
  'flow-admin': flowAdminCommand,
  serve: {
    options: {},
    async handler(config) {
      const running = await startTandem(config);
      await new Promise<void>((resolve) => {
        const stop = (signal: string) => {
          running.tandem.app.log.info(`${signal} received: stopping`);
          void running.stop().then(resolve, resolve);
        };
        process.once('SIGINT', () => stop('SIGINT'));
        process.once('SIGTERM', () => stop('SIGTERM'));
      });
      return 0;
    },
  },
  migrate: {
    options: {},
    async handler(config) {
      const store = await openFor(config);
      await store.close();
      console.log(`migrations applied (${config.databaseUrl ? 'PostgreSQL' : `PGlite in ${config.dataDir}`})`);
      return 0;
    },
  },
  seed: {
    options: { 'no-demo': { type: 'boolean' } },
    async handler(config, values) {
      return withServer(config, async (tandem) => {
        const result = await seedIfEmpty(tandem.directory, {
          demo: values['no-demo'] !== true,
          password: config.demoPassword,
        });
        if (!result.created) console.log('the directory already has users: nothing seeded');
        else if (result.demoPassword)
          console.log(
            `seeded ${result.demoUsers.join(', ')}; password: ${config.demoPassword ? '(TANDEM_DEMO_PASSWORD)' : result.demoPassword}`,
          );
        else console.log('seeded the base organisation');
        return 0;
      });
    },
  },
  'user add': {
    options: {
      name: { type: 'string' },
      password: { type: 'string' },
      role: { type: 'string', multiple: true },
      workgroup: { type: 'string', multiple: true },
      licence: { type: 'string', multiple: true },
      email: { type: 'string' },
    },
    async handler(config, values, positionals) {
      const [id] = positionals;
      if (!id) throw new Error('user add needs the user id');
      const password = await passwordFrom(values);
      return withServer(config, async (tandem) => {
        const fields = KIND_SPECS.users.fields.safeParse({
          displayName: typeof values.name === 'string' ? values.name : id,
          roles: list(values.role),
          workgroups: list(values.workgroup),
          licences: list(values.licence),
          ...(typeof values.email === 'string' ? { businessEmail: values.email } : {}),
        });
        if (!fields.success)
          throw new Error(fields.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
        await tandem.directory.create('users', id, { ...fields.data, password }).catch(explain);
        console.log(`user ${id} created`);
        return 0;
      });
    },
  },
  'user passwd': {
    options: { password: { type: 'string' }, 'must-change': { type: 'boolean' } },
    async handler(config, values, positionals) {
      const [id] = positionals;
      if (!id) throw new Error('user passwd needs the user id');
      const password = await passwordFrom(values);
      return withServer(config, async (tandem) => {
        await tandem.directory.setPassword(id, password, { mustChange: values['must-change'] === true }).catch(explain);
        await tandem.sessions.endSessionsOfUser(id, 'password-changed');
        console.log(`password of ${id} changed`);
        return 0;
      });
    },
  },
};
