/**
 * How an interaction's view is built, and what that costs the garbage collector (issue 3). Under
 * ACD load every change of an interaction that some client receives builds a view of it (its
 * fields plus `displayState`), serialised at once and dropped: it should die in the young
 * generation. Each way of building it runs in a child process of its own, with `--trace-gc-nvp`,
 * while interaction versions stay alive for a while as on the server (a ring of 100,000, each made
 * by `shapedInteraction` as `change` makes them). Reports the time per view and the bytes promoted
 * to the old generation per view, over what the versions alone promote:
 *
 *   node --import tsx bench/object-spread.ts
 *   BENCH_VIEWS=1000000 node --import tsx bench/object-spread.ts   (default shown)
 *
 *   spread    `{ ...ix, attributes, displayState }`: the view before 2026-11-22
 *   shared    `shapedInteraction(ix)`, then `displayState` set: the versions' own literal reused
 *   viewOf    the server's `viewOf`: a literal of its own with every field and `displayState`
 *   none      no view (the versions alone)
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createInteraction, shapedInteraction, type Interaction } from '@tandem/core';
import { viewOf } from '../packages/server/src/services/shared-view.js';

const VIEWS = Number(process.env.BENCH_VIEWS ?? 1_000_000);
const KINDS = ['none', 'spread', 'shared', 'viewOf'] as const;
type Kind = (typeof KINDS)[number];

/** A chat an agent holds, made once: each version below is a copy of it with its own id. */
const TEMPLATE = createInteraction(
  { type: 'chat', ownerId: 'a1', attributes: { Eic_RemoteName: 'A visitor' } },
  {
    now: 0,
    newId: () => 'I0',
    lookup: {
      userName: (id) => id,
      workgroup: () => undefined,
      isMember: () => false,
      accountCodesEnabled: false,
      accountCodeExists: () => false,
    },
  },
);

/** A version as `change` makes it: `shapedInteraction` over the previous one with new values. */
const interaction = (i: number): Interaction =>
  shapedInteraction({ ...TEMPLATE, id: `I${i}`, createdAt: i, version: i });

function build(kind: Kind, ix: Interaction): (Interaction & { displayState: string }) | undefined {
  switch (kind) {
    case 'none':
      return undefined;
    case 'spread':
      return { ...ix, attributes: { ...ix.attributes }, displayState: 'ACD - Alerting' };
    case 'shared': {
      const view = shapedInteraction(ix) as Interaction & { displayState: string };
      view.attributes = { ...ix.attributes };
      view.displayState = 'ACD - Alerting';
      return view;
    }
    case 'viewOf':
      return viewOf(ix, 'ACD - Alerting');
  }
}

/** In the child: build VIEWS views while versions live in a ring; print the elapsed ms. */
function child(kind: Kind): void {
  const versions = new Array<Interaction>(100_000);
  let length = 0;
  const started = performance.now();
  for (let i = 0; i < VIEWS; i++) {
    const ix = interaction(i);
    versions[i % versions.length] = ix;
    const view = build(kind, ix);
    length += view === undefined ? 0 : view.id.length + view.displayState.length;
  }
  console.log(`elapsed=${performance.now() - started} length=${length}`);
}

function parent(): void {
  console.log(`Interaction views — ${new Date().toISOString()}, Node ${process.version}, ${VIEWS} views each`);
  console.log('command: node --import tsx bench/object-spread.ts');
  const self = fileURLToPath(import.meta.url);
  const runs = new Map<Kind, { ms: number; promoted: number }>();
  for (const kind of KINDS) {
    const out = execFileSync(process.execPath, ['--trace-gc-nvp', '--import', 'tsx', self, kind], {
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      env: { ...process.env, BENCH_VIEWS: String(VIEWS) },
    });
    let promoted = 0;
    for (const match of out.matchAll(/promoted=(\d+)/g)) promoted += Number(match[1]);
    const elapsed = /elapsed=([\d.]+)/.exec(out)?.[1];
    if (elapsed === undefined) throw new Error(`${kind}: the child printed no time`);
    runs.set(kind, { ms: Number(elapsed), promoted });
  }
  const none = runs.get('none') as { ms: number; promoted: number };
  for (const [kind, { ms, promoted }] of runs) {
    const perView =
      kind === 'none'
        ? '(the versions alone)'
        : `${((promoted - none.promoted) / VIEWS).toFixed(0)} B promoted per view`;
    const time = kind === 'none' ? '' : `, ${(((ms - none.ms) * 1e6) / VIEWS).toFixed(0)} ns per view`;
    console.log(
      `  ${kind.padEnd(7)} ${(promoted / 1e6).toFixed(1).padStart(7)} MB promoted in ${ms.toFixed(0)} ms: ${perView}${time}`,
    );
  }
}

const kind = process.argv[2] as Kind | undefined;
if (kind !== undefined && KINDS.includes(kind)) child(kind);
else parent();
