import { describe, expect, it } from 'vitest';
import {
  createDefinitionRecord,
  deactivateDefinition,
  definitionVersion,
  launchableVersion,
  publishDraft,
  reactivateDefinition,
  saveDraft,
  workingDefinition,
} from '../../src/index.js';
import { Run, aDefinition, aVariable, act } from './builders.js';

const v1 = aDefinition({
  variables: [aVariable('X', 'Integer')],
  actions: [act('assign', { variable: 'X', expression: '1' })],
});
const v2 = aDefinition({
  variables: [aVariable('X', 'Integer')],
  actions: [act('assign', { variable: 'X', expression: '2' })],
});
const by = { at: 1000, userId: 'designer' };

describe('the lifecycle of a process definition', () => {
  it('starts as a draft that cannot be launched', () => {
    const record = createDefinitionRecord(v1, 0);
    expect(record).toMatchObject({ status: 'draft', activeVersion: null, versions: [] });
    expect(() => launchableVersion(record)).toThrow(/loan is not active/);
  });

  it('publishes the draft as version 1, active and launchable', () => {
    const record = publishDraft(createDefinitionRecord(v1, 0), by);
    expect(record).toMatchObject({ status: 'active', activeVersion: 1, draft: null });
    expect(launchableVersion(record)).toMatchObject({ version: 1, publishedBy: 'designer', publishedAt: 1000 });
  });

  it('refuses to publish an invalid draft, listing every issue with its path', () => {
    const bad = aDefinition({ actions: [act('assign', { variable: 'Nope', expression: '1' })] });
    let caught: unknown;
    try {
      publishDraft(createDefinitionRecord(bad, 0), by);
    } catch (e) {
      caught = e;
    }
    expect(caught).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { issues: [{ path: 'states[0].actions[0].variable', message: 'unknown variable Nope' }] },
    });
  });

  it('is deactivated (no launches) and reactivated', () => {
    const active = publishDraft(createDefinitionRecord(v1, 0), by);
    const inactive = deactivateDefinition(active, 2000);
    expect(inactive.status).toBe('inactive');
    expect(() => launchableVersion(inactive)).toThrow(/not active/);
    expect(() => deactivateDefinition(inactive, 2001)).toThrow(/not active/);
    const again = reactivateDefinition(inactive, 3000);
    expect(launchableVersion(again).version).toBe(1);
    expect(() => reactivateDefinition(again, 3001)).toThrow(/not deactivated/);
  });

  it('publishes a new version while running instances keep the version they started with', () => {
    let record = publishDraft(createDefinitionRecord(v1, 0), by);
    const running = new Run(launchableVersion(record).definition);
    record = publishDraft(saveDraft(record, v2, 1500), { ...by, at: 2000 });
    expect(record.activeVersion).toBe(2);
    expect(definitionVersion(record, running.instance.definitionVersion)).toBe(v1);
    expect(new Run(launchableVersion(record).definition).vars['X']).toBe(2);
    expect(running.vars['X']).toBe(1);
  });

  it('keeps the draft separate from the published version until it is published', () => {
    const record = saveDraft(publishDraft(createDefinitionRecord(v1, 0), by), v2, 1500);
    expect(launchableVersion(record).definition).toBe(v1);
    expect(workingDefinition(record)).toBe(v2);
    expect(() => saveDraft(record, { ...v2, id: 'other' }, 1600)).toThrow(/id: must stay loan/);
    expect(() => publishDraft({ ...record, draft: null }, by)).toThrow(/no draft/);
  });
});
