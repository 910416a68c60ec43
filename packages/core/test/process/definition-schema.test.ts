import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { processDefinitionJsonSchema, processDefinitionSchema } from '../../src/index.js';
import { aDefinitionDocument, act } from './builders.js';

const published = JSON.parse(
  readFileSync(new URL('../../../../docs/process-definition.schema.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

describe('the published JSON Schema of process definitions', () => {
  it('is in step with the zod schema (regenerate: npx tsx scripts/process-definition-schema.ts)', () => {
    expect(published).toEqual(processDefinitionJsonSchema());
  });

  it('describes every action kind and the format version', () => {
    const text = JSON.stringify(published);
    for (const kind of [
      'assign',
      'decision',
      'loop',
      'callTask',
      'changeState',
      'endProcess',
      'sendWorkItemToUser',
      'sendWorkItemToWorkgroup',
      'invokeWebService',
      'runHandler',
      'sendEmail',
      'databaseQuery',
      'wait',
      'launchSubprocess',
      'log',
    ]) {
      expect(text).toContain(`"const":"${kind}"`);
    }
    expect(published).toMatchObject({ properties: { formatVersion: { const: 1 } } });
  });

  it('lets authors leave out fields that have defaults', () => {
    const minimal = aDefinitionDocument({ actions: [act('endProcess')] });
    const parsed = processDefinitionSchema.parse(minimal);
    expect(parsed.tasks).toEqual([]);
    expect((published['required'] as string[]).sort()).toEqual(['formatVersion', 'id', 'name', 'states']);
  });
});
