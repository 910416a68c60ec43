import { z } from 'zod';

/** Everything the server reads from its environment. `loadConfig` is the only reader of `process.env`. */
export interface ServerConfig {
  /** TCP port; 0 picks a free one (tests). Default 8018. */
  port: number;
  host: string;
  /** PGlite data directory, used when no database URL is set. Default `./data`. */
  dataDir: string;
  /** PostgreSQL URL; when set, PGlite is not used. */
  databaseUrl: string | undefined;
  /** Password of the demo users; generated and printed once when absent. */
  demoPassword: string | undefined;
  /** Whether to create the demo organisation on an empty database. Default true. */
  seedDemo: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Mark session cookies Secure (behind HTTPS). Default false, as `npm start` serves plain HTTP. */
  secureCookies: boolean;
  /** Inbound SMTP for workgroup mailboxes; 0 picks a free port. Default 2525 on 127.0.0.1. */
  smtpPort: number;
  smtpHost: string;
  /** The relay replies are sent through. Default localhost:25. */
  smtpRelayHost: string;
  smtpRelayPort: number;
  /**
   * The process engine node's storage id (`TANDEM_STORAGE_ID`): the owner of its process instances.
   * When absent, one is generated and kept in `<dataDir>/engine-storage-id`.
   */
  storageId: string | undefined;
  version: string;
}

const envSchema = z.object({
  TANDEM_PORT: z.coerce.number().int().min(0).max(65535).default(8018),
  TANDEM_HOST: z.string().min(1).default('0.0.0.0'),
  TANDEM_DATA_DIR: z.string().min(1).default('./data'),
  TANDEM_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  TANDEM_DEMO_PASSWORD: z.string().min(1).optional(),
  TANDEM_SEED_DEMO: z.enum(['true', 'false', '1', '0']).default('true'),
  TANDEM_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TANDEM_SECURE_COOKIES: z.enum(['true', 'false', '1', '0']).default('false'),
  TANDEM_SMTP_PORT: z.coerce.number().int().min(0).max(65535).default(2525),
  TANDEM_SMTP_HOST: z.string().min(1).default('127.0.0.1'),
  TANDEM_SMTP_RELAY_HOST: z.string().min(1).default('localhost'),
  TANDEM_SMTP_RELAY_PORT: z.coerce.number().int().min(1).max(65535).default(25),
  TANDEM_STORAGE_ID: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be 1 to 64 letters, digits, dots, dashes or underscores')
    .optional(),
});

/** Reads and checks the environment; throws naming each bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): ServerConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`bad environment: ${lines.join('; ')}`);
  }
  const e = parsed.data;
  return {
    port: e.TANDEM_PORT,
    host: e.TANDEM_HOST,
    dataDir: e.TANDEM_DATA_DIR,
    databaseUrl: e.TANDEM_DATABASE_URL,
    demoPassword: e.TANDEM_DEMO_PASSWORD,
    seedDemo: e.TANDEM_SEED_DEMO === 'true' || e.TANDEM_SEED_DEMO === '1',
    logLevel: e.TANDEM_LOG_LEVEL,
    secureCookies: e.TANDEM_SECURE_COOKIES === 'true' || e.TANDEM_SECURE_COOKIES === '1',
    smtpPort: e.TANDEM_SMTP_PORT,
    smtpHost: e.TANDEM_SMTP_HOST,
    smtpRelayHost: e.TANDEM_SMTP_RELAY_HOST,
    smtpRelayPort: e.TANDEM_SMTP_RELAY_PORT,
    storageId: e.TANDEM_STORAGE_ID,
    version: '0.1.0',
  };
}
