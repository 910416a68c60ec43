#!/usr/bin/env node
// Prints the gzip sizes of the built web client (what its index.html loads first, and everything)
// and of the widget's entry script. Run after `npm run build`: `node scripts/bundle-sizes.mjs`.
// Measure a build made from a shell: one started under vitest inherits NODE_ENV=test, and Vite then
// bundles React's development build (about 140 KB gzipped instead of 80).
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { URL, fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url));
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const gzip = (path) => gzipSync(readFileSync(path), { level: 9 }).length;
const raw = (path) => readFileSync(path).length;

function sizes(label, dist, files) {
  const rows = files.map((file) => ({ file, raw: raw(join(dist, file)), gzip: gzip(join(dist, file)) }));
  const total = rows.reduce((sum, r) => ({ raw: sum.raw + r.raw, gzip: sum.gzip + r.gzip }), { raw: 0, gzip: 0 });
  console.log(`${label}: ${kb(total.gzip)} gzipped (${kb(total.raw)} raw)`);
  for (const r of rows)
    console.log(`  ${r.file.padEnd(48)} ${kb(r.gzip).padStart(10)} gz ${kb(r.raw).padStart(10)} raw`);
  return total;
}

/** The files index.html loads before any view: entry scripts, module preloads and style sheets. */
function initialFiles(dist) {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/(?:src|href)="\/([^"]+\.(?:js|css))"/g)].map((m) => m[1]);
  return [...new Set(refs)];
}

const web = join(root, 'packages/web/dist');
const widget = join(root, 'packages/widget/dist');
if (!existsSync(join(web, 'index.html'))) {
  console.error('packages/web/dist is missing: run `npm run build` first');
  process.exit(1);
}
const initial = initialFiles(web);
sizes(
  'web client, initial JS',
  web,
  initial.filter((f) => f.endsWith('.js')),
);
sizes(
  'web client, initial CSS',
  web,
  initial.filter((f) => f.endsWith('.css')),
);
const assets = readdirSync(join(web, 'assets')).filter((f) => f.endsWith('.js'));
const all = assets.map((f) => `assets/${f}`);
const lazy = all.filter((f) => !initial.includes(f));
const lazyTotal = lazy.reduce((sum, f) => sum + gzip(join(web, f)), 0);
console.log(`web client, ${lazy.length} lazy JS chunks: ${kb(lazyTotal)} gzipped in all`);
if (existsSync(widget)) {
  const entries = readdirSync(widget).filter((f) => f.endsWith('.js'));
  sizes('widget, entry script', widget, entries);
} else console.log('widget: packages/widget/dist is missing');
