// A real Tandem server process for browser tests: PGlite in a temporary directory, real HTTP,
// WebSocket and SMTP ports, the demo organisation with a known password.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const MAIN = join(import.meta.dirname, '..', '..', 'packages', 'cli', 'src', 'main.ts');
export const E2E_PASSWORD = 'e2e-demo-password';

export interface TandemProcess {
  url: string;
  smtpPort: number;
  output(): string;
  stop(): Promise<void>;
}

export async function startTandemProcess(env: Record<string, string> = {}): Promise<TandemProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tandem-e2e-'));
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'serve'], {
    env: {
      ...process.env,
      TANDEM_PORT: '0',
      TANDEM_SMTP_PORT: '0',
      TANDEM_HOST: '127.0.0.1',
      TANDEM_LOG_LEVEL: 'warn',
      TANDEM_DATA_DIR: dataDir,
      TANDEM_DEMO_PASSWORD: E2E_PASSWORD,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = await new Promise<{ url: string; smtpPort: number }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server not ready in 60 s:\n${out}`)), 60_000);
    const check = () => {
      const url = /ready at (http:\/\/\S+)/.exec(out)?.[1];
      const smtp = /Inbound SMTP[^:]*: [^:\s]+:(\d+)/.exec(out)?.[1];
      if (url && smtp) {
        clearTimeout(timer);
        resolve({ url: url.replace('localhost', '127.0.0.1'), smtpPort: Number(smtp) });
      }
    };
    child.stdout.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before it was ready:\n${out}`));
    });
  });
  return {
    ...ready,
    output: () => out,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
