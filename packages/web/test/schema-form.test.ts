import { describe, expect, it } from 'vitest';
import { bodyOf, checkBody, issuesUnder, parseNumberInput, parseScalarInput } from '../src/features/admin/form-body.js';
import { configKindsOf, describeRight, summaryOf } from '../src/features/admin/config-kinds.js';
import {
  fieldsOf,
  initialValues,
  labelOf,
  newItemOf,
  valuesFromRecord,
  type FieldSpec,
  type JsonSchema,
} from '../src/features/admin/schema-form.js';

const id = { type: 'string', minLength: 1, maxLength: 128, pattern: "^[A-Za-z0-9][A-Za-z0-9 ._@,:'()-]*$" };
const skill = {
  type: 'object',
  properties: {
    skillId: id,
    proficiency: { type: 'integer', minimum: 1, maximum: 100 },
    desireToUse: { default: 50, type: 'integer', minimum: 1, maximum: 100 },
  },
  required: ['skillId', 'proficiency'],
};
const rights = {
  default: [],
  type: 'array',
  items: {
    oneOf: [
      {
        type: 'object',
        properties: {
          type: { type: 'string', enum: ['admin'] },
          area: {
            anyOf: [
              { type: 'string', enum: ['users', 'skills'] },
              { type: 'string', enum: ['*'] },
            ],
          },
          access: { type: 'string', enum: ['view', 'modify'] },
        },
        required: ['type', 'area', 'access'],
      },
      {
        type: 'object',
        properties: { type: { type: 'string', enum: ['security'] }, right: { type: 'string', enum: ['transfer'] } },
        required: ['type', 'right'],
      },
    ],
  },
};
/** Shaped like the server's workgroup schema (made from core's zod schema). */
const workgroup: JsonSchema = {
  type: 'object',
  properties: {
    displayName: { type: 'string', minLength: 1, maxLength: 200 },
    description: { type: 'string', maxLength: 2000 },
    members: { type: 'array', maxItems: 10000, items: id },
    hasQueue: { default: true, type: 'boolean' },
    skills: { default: [], type: 'array', items: skill },
    alertTimeoutSeconds: { default: 15, type: 'integer', minimum: 5, maximum: 3600 },
    utilization: {
      default: {},
      type: 'object',
      additionalProperties: {
        type: 'object',
        properties: { utilization: { type: 'integer' }, maxAssignable: { type: 'integer' } },
        required: ['utilization', 'maxAssignable'],
      },
    },
    rights,
  },
  required: ['displayName'],
};

const byName = (fields: FieldSpec[], name: string) => fields.find((f) => f.name === name) as FieldSpec;

describe('schema-driven fields', () => {
  const fields = fieldsOf(workgroup);

  it('maps each JSON Schema property to the editor that fits it', () => {
    expect(fields.map((f) => [f.name, f.kind])).toEqual([
      ['displayName', 'text'],
      ['description', 'text'],
      ['members', 'list'],
      ['hasQueue', 'boolean'],
      ['skills', 'object-list'],
      ['alertTimeoutSeconds', 'number'],
      ['utilization', 'keyed'],
      ['rights', 'union-list'],
    ]);
    expect(byName(fields, 'displayName')).toMatchObject({ required: true, label: 'Display name', multiline: false });
    expect(byName(fields, 'description')).toMatchObject({ required: false, multiline: true });
    expect(byName(fields, 'alertTimeoutSeconds')).toMatchObject({ integer: true, min: 5, max: 3600, defaultValue: 15 });
  });

  it('knows which lists hold ids of another kind (members are users, skills name skills)', () => {
    expect(byName(fields, 'members')).toMatchObject({ kind: 'list', refKind: 'users' });
    const skills = byName(fields, 'skills');
    expect(skills.kind === 'object-list' && byName(skills.fields, 'skillId')).toMatchObject({
      kind: 'reference',
      refKind: 'skills',
    });
  });

  it('splits a list of rights into its variants by their type, with enum unions merged into one choice', () => {
    const list = byName(fields, 'rights');
    if (list.kind !== 'union-list') throw new Error('rights is not a union list');
    expect(list.discriminator).toBe('type');
    expect(list.variants.map((v) => v.value)).toEqual(['admin', 'security']);
    expect(byName(list.variants[0]?.fields ?? [], 'area')).toMatchObject({
      kind: 'choice',
      options: ['users', 'skills', '*'],
    });
    expect(newItemOf(list, 'admin')).toEqual({ type: 'admin', area: 'users', access: 'view' });
  });

  it('starts a new record from the defaults and fills a stored one from its fields only', () => {
    expect(initialValues(fields)).toMatchObject({ hasQueue: true, skills: [], alertTimeoutSeconds: 15, members: [] });
    const stored = { id: 'Sales', revision: 4, displayName: 'Sales', hasQueue: false, unknown: 1 };
    const values = valuesFromRecord(fields, stored);
    expect(values).toMatchObject({ displayName: 'Sales', hasQueue: false, alertTimeoutSeconds: 15 });
    expect(values).not.toHaveProperty('revision');
    expect(values).not.toHaveProperty('unknown');
  });

  it('edits free text attributes as a map and leaves out lines without a name', () => {
    const map = fieldsOf({
      type: 'object',
      properties: { attributes: { type: 'object', additionalProperties: { type: 'string', maxLength: 2000 } } },
    });
    expect(map[0]).toMatchObject({ kind: 'map', maxLength: 2000 });
    expect(bodyOf(map, { attributes: { Source: 'web', '': 'dropped' } })).toEqual({ attributes: { Source: 'web' } });
  });

  it('reads labels from camel case names', () => {
    expect(labelOf('wrapUpTimeoutSeconds')).toBe('Wrap up timeout seconds');
    expect(labelOf('business2')).toBe('Business2');
  });
});

describe('form values to request body', () => {
  const fields = fieldsOf(workgroup);

  it('leaves out empty optional texts and keeps what was typed, numbers as numbers', () => {
    const body = bodyOf(fields, {
      displayName: 'Sales',
      description: '',
      members: ['agent1', ''],
      hasQueue: true,
      skills: [{ skillId: 'English', proficiency: '80', desireToUse: 50 }],
      alertTimeoutSeconds: '20',
      utilization: { chat: { utilization: 25, maxAssignable: 4 } },
      rights: [{ type: 'security', right: 'transfer', area: 'users', access: 'view' }],
    });
    expect(body).toEqual({
      displayName: 'Sales',
      members: ['agent1'],
      hasQueue: true,
      skills: [{ skillId: 'English', proficiency: 80, desireToUse: 50 }],
      alertTimeoutSeconds: 20,
      utilization: { chat: { utilization: 25, maxAssignable: 4 } },
      rights: [{ type: 'security', right: 'transfer' }],
    });
  });

  it('leaves out an optional group left empty, so that its required fields do not apply', () => {
    const file = {
      type: 'object',
      properties: { attachmentId: id, size: { type: 'integer' } },
      required: ['attachmentId', 'size'],
    };
    const phones = { default: {}, type: 'object', properties: { mobile: { type: 'string' } } };
    const group = fieldsOf({ type: 'object', properties: { file, phones } });
    expect(initialValues(group)).toEqual({ file: undefined, phones: {} });
    expect(bodyOf(group, { file: { attachmentId: '', size: '' }, phones: { mobile: '' } })).toEqual({ phones: {} });
    expect(bodyOf(group, { file: { attachmentId: 'a1', size: '3' } })).toEqual({
      file: { attachmentId: 'a1', size: 3 },
    });
  });

  it('names the fields the browser can already tell are wrong, with paths like the server', () => {
    const body = bodyOf(fields, {
      displayName: '',
      alertTimeoutSeconds: 2,
      skills: [{ skillId: 'English', proficiency: 101 }, { proficiency: 'many' }],
    });
    expect(checkBody(fields, body)).toEqual([
      { path: 'displayName', message: 'is required' },
      { path: 'skills.0.proficiency', message: 'must be at most 100' },
      { path: 'skills.1.skillId', message: 'is required' },
      { path: 'skills.1.proficiency', message: 'must be a number' },
      { path: 'alertTimeoutSeconds', message: 'must be at least 5' },
    ]);
    expect(issuesUnder(checkBody(fields, body), 'skills').map((i) => i.path)).toEqual([
      'skills.0.proficiency',
      'skills.1.skillId',
      'skills.1.proficiency',
    ]);
  });

  it('refuses an id with characters the pattern does not allow', () => {
    const idField = fieldsOf({ type: 'object', properties: { id }, required: ['id'] });
    expect(checkBody(idField, { id: '-bad' })).toHaveLength(1);
    expect(checkBody(idField, { id: "O'Brien (2)" })).toEqual([]);
  });

  it('parses typed numbers and keeps a server parameter value of the type it had', () => {
    expect(parseNumberInput(' 42 ')).toBe(42);
    expect(parseNumberInput('')).toBeUndefined();
    expect(parseNumberInput('4x')).toBe('4x');
    expect(parseScalarInput('200', 50)).toBe(200);
    expect(parseScalarInput('true', false)).toBe(true);
    expect(parseScalarInput('200', 'text')).toBe('200');
  });
});

describe('configuration kinds from the OpenAPI document', () => {
  const doc = {
    paths: {
      '/api/v1/config/skills': {
        get: {},
        post: {
          requestBody: {
            content: {
              'application/json': {
                schema: { type: 'object', properties: { displayName: id, id }, required: ['displayName', 'id'] },
              },
            },
          },
        },
      },
      '/api/v1/config/skills/{id}': {
        put: {
          requestBody: {
            content: { 'application/json': { schema: { type: 'object', properties: { displayName: id } } } },
          },
        },
      },
      '/api/v1/config/users/{id}/password': { post: {} },
      '/api/v1/status/status-messages': { get: {} },
    },
  };

  it('finds each kind with its create and replace fields and its id apart', () => {
    const [skills, ...others] = configKindsOf(doc);
    expect(others).toEqual([]);
    expect(skills?.kind).toBe('skills');
    expect(skills?.createFields.map((f) => f.name)).toEqual(['displayName']);
    expect(skills?.idField).toMatchObject({ name: 'id', kind: 'text', required: true });
  });

  it('names records and rights in words', () => {
    expect(summaryOf({ id: 'x', text: 'Available' })).toBe('Available');
    expect(summaryOf({ id: 'acd-chat', count: 250 })).toBe('250 seats');
    expect(
      describeRight({ type: 'queue', queueType: 'workgroup', target: 'Sales', level: 'modify', actions: ['pickup'] }),
    ).toBe('Queue workgroup Sales: modify (pickup)');
    expect(describeRight({ type: 'admin', area: '*', access: 'modify' })).toBe('Administer everything: modify');
  });
});
