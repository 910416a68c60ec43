/**
 * Writes docs/process-definition.schema.json from the zod schema in core.
 * Run: npx tsx scripts/process-definition-schema.ts (a core test fails when the file is out of step).
 */
import { writeFileSync } from 'node:fs';
import { processDefinitionJsonSchema } from '../packages/core/src/index.js';

const target = new URL('../docs/process-definition.schema.json', import.meta.url);
writeFileSync(target, `${JSON.stringify(processDefinitionJsonSchema(), null, 2)}\n`);
console.log(`wrote ${target.pathname}`);
