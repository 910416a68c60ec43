import { parseArgs } from 'node:util';
import { loadConfig } from '@tandem/server';
import { commands, usage } from './commands.js';

/** Entry point of the `tandem` command; answers the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const run = command === 'user' ? commands[`user ${rest[0] ?? ''}`] : commands[command ?? ''];
  if (!run) {
    console.error(usage);
    return command === undefined || command === 'help' || command === '--help' ? 0 : 2;
  }
  const args = command === 'user' ? rest.slice(1) : rest;
  try {
    const parsed = parseArgs({ args, options: run.options, allowPositionals: true, strict: true });
    return await run.handler(
      loadConfig(),
      parsed.values as Record<string, string | boolean | string[] | undefined>,
      parsed.positionals,
    );
  } catch (error) {
    console.error(`tandem ${command}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

// Run directly: `node --import tsx packages/cli/src/main.ts serve`.
if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  process.exitCode = await main(process.argv.slice(2));
}
