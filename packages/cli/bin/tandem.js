#!/usr/bin/env -S node --no-allocation-site-pretenuring
// The V8 flags: SERVER_NODE_FLAGS in @tandem/server (README, "Node under ACD load").
// Runs the TypeScript sources directly: tsx compiles them on load, so there is no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv.slice(2));
