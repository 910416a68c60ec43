import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { SERVER_NODE_FLAGS } from '@tandem/server';
import { describe, expect, it } from 'vitest';

const read = (relative: string) => readFileSync(new URL(relative, import.meta.url), 'utf8');

/** The node flags given before `--import` (npm start) or after `node` (the shebang). */
const flagsIn = (command: string) =>
  command.split(/\s+/).filter((word) => word.startsWith('--') && word !== '--import');

describe('the V8 flags the server runs with', () => {
  it('are those of SERVER_NODE_FLAGS in the shebang of tandem serve', () => {
    const shebang = read('../bin/tandem.js').split('\n')[0] as string;
    expect(shebang.startsWith('#!/usr/bin/env -S node ')).toBe(true);
    expect(flagsIn(shebang)).toEqual([...SERVER_NODE_FLAGS]);
  });

  it('are those of SERVER_NODE_FLAGS in npm start', () => {
    const start = (JSON.parse(read('../../../package.json')) as { scripts: { start: string } }).scripts.start;
    const node = start.slice(start.indexOf(' node ') + 1);
    expect(flagsIn(node.slice(0, node.indexOf(' packages/')))).toEqual([...SERVER_NODE_FLAGS]);
  });

  it('are flags this Node knows: it refuses to start on one it does not', () => {
    const run = (flags: readonly string[]) => spawnSync(process.execPath, [...flags, '-e', '0'], { encoding: 'utf8' });
    expect(run(SERVER_NODE_FLAGS).status, run(SERVER_NODE_FLAGS).stderr).toBe(0);
    expect(run(['--heap-growing-percnt=700']).status).not.toBe(0);
  });
});
