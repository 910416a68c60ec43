import { describe, expect, it } from 'vitest';
import {
  RightSet,
  SECURED_REQUIRED_MESSAGE,
  assertEditable,
  validWorkItemData,
  visibleVariables,
  processAccess,
  redactForLog,
  specificationsOf,
  workItemView,
  type Right,
} from '../../src/index.js';
import { aDirectory } from '../builders.js';
import { Run, aDefinition, aVariable, act } from './builders.js';

const variables = [
  aVariable('Name', 'String', { initial: 'Ada', logToReporting: true }),
  aVariable('Ssn', 'String', { securitySpecification: 'PII', initial: '123-45-6789' }),
  aVariable('Income', 'Decimal', { securitySpecification: 'Finance', initial: 98000 }),
];

function formWith(required: { ssn: boolean }) {
  return {
    id: 'review',
    category: 'Loans',
    description: 'Review',
    pages: [
      {
        title: 'Applicant',
        controls: [
          { id: 'name', kind: 'text', label: 'Name', variable: 'Name', required: true },
          { id: 'ssn', kind: 'text', label: 'SSN', variable: 'Ssn', required: required.ssn },
          { id: 'income', kind: 'number', label: 'Income', variable: 'Income' },
        ],
      },
    ],
    buttons: [{ id: 'Submit', label: 'Submit' }],
    validations: [
      { rule: 'len(Name) > 0', message: 'Name please' },
      { rule: 'Income >= 0', message: 'Income cannot be negative' },
    ],
  };
}

const values = { Name: 'Ada', Ssn: '123-45-6789', Income: 98000 };
const viewer = (...specs: string[]) => ({ userId: 'agent1', specifications: new Set(specs) });

describe('security specifications on work item forms', () => {
  it('shows everything to a user in every specification', () => {
    const definition = aDefinition({ variables, forms: [formWith({ ssn: true })] });
    const view = workItemView({ definition, formId: 'review', values, viewer: viewer('PII', 'Finance') });
    expect(view).toMatchObject({ onHold: false, hidden: [], values });
    expect(view.form.validations).toHaveLength(2);
  });

  it('leaves out a secured non-required field, its value and the rules that read it', () => {
    const definition = aDefinition({ variables, forms: [formWith({ ssn: false })] });
    const view = workItemView({ definition, formId: 'review', values, viewer: viewer('Finance') });
    expect(view.onHold).toBe(false);
    expect(view.hidden).toEqual(['ssn']);
    expect(view.form.pages[0]?.controls.map((c) => c.id)).toEqual(['name', 'income']);
    expect(view.values).toEqual({ Name: 'Ada', Income: 98000 });
    expect(view.editable).toEqual(['Name', 'Income']);
    expect(JSON.stringify(view)).not.toContain('123-45-6789');
    const noFinance = workItemView({ definition, formId: 'review', values, viewer: viewer() });
    expect(noFinance.form.validations.map((r) => r.message)).toEqual(['Name please']);
  });

  it('puts the item on hold, saying why, when a required field is secured against the user', () => {
    const definition = aDefinition({ variables, forms: [formWith({ ssn: true })] });
    const view = workItemView({ definition, formId: 'review', values, viewer: viewer('Finance') });
    expect(view.onHold).toBe(true);
    expect(view.blocked).toEqual([{ controlId: 'ssn', variable: 'Ssn', specification: 'PII' }]);
    expect(view.holdMessage).toBe(`${SECURED_REQUIRED_MESSAGE}: ssn (security specification PII)`);
    expect(view.values).toEqual({});
    expect(view.editable).toEqual([]);
    expect(JSON.stringify(view)).not.toMatch(/123-45-6789|98000|Ada/);
  });

  it('finds the specifications that include a user directly, by role or by workgroup', () => {
    const { directory } = aDirectory()
      .aRole('Underwriter', [])
      .aWorkgroup('Loans')
      .anAgent('agent1', { roles: ['Underwriter'], workgroups: ['Loans'] })
      .anAgent('agent2')
      .with('security-specifications', 'Direct', { displayName: 'Direct', users: ['agent1'] })
      .with('security-specifications', 'ByRole', { displayName: 'By role', roles: ['Underwriter'] })
      .with('security-specifications', 'ByGroup', { displayName: 'By group', workgroups: ['Loans'] })
      .with('security-specifications', 'Other', { displayName: 'Other', users: ['agent2'] });
    expect([...specificationsOf(directory, 'agent1')].sort()).toEqual(['ByGroup', 'ByRole', 'Direct']);
    expect([...specificationsOf(directory, 'agent2')]).toEqual(['Other']);
    expect([...specificationsOf(directory, 'ghost')]).toEqual([]);
  });
});

describe('process rights', () => {
  const rights = (...granted: Right[]) => new RightSet(granted);
  const right = (definition: string, access: 'launch' | 'view' | 'manage'): Right => ({
    type: 'process',
    definition,
    access,
  });

  it('grants launch, view and manage separately per process, manage implying view', () => {
    expect(processAccess({ rights: rights(right('loan', 'launch')), userId: 'u', definitionId: 'loan' })).toEqual({
      launch: true,
      view: false,
      manage: false,
    });
    expect(processAccess({ rights: rights(right('loan', 'manage')), userId: 'u', definitionId: 'loan' })).toEqual({
      launch: false,
      view: true,
      manage: true,
    });
    expect(processAccess({ rights: rights(right('*', 'view')), userId: 'u', definitionId: 'any' }).view).toBe(true);
    expect(processAccess({ rights: rights(right('other', 'view')), userId: 'u', definitionId: 'loan' }).view).toBe(
      false,
    );
  });

  it('lets the originator view its own instance without the view right', () => {
    const none = rights();
    expect(processAccess({ rights: none, userId: 'u', definitionId: 'loan', instance: { originator: 'u' } }).view).toBe(
      true,
    );
    expect(processAccess({ rights: none, userId: 'u', definitionId: 'loan', instance: { originator: 'v' } }).view).toBe(
      false,
    );
  });

  it('needs the process licences when they are given', () => {
    const all = rights(right('loan', 'launch'), right('loan', 'manage'));
    expect(processAccess({ rights: all, userId: 'u', definitionId: 'loan', licences: [] })).toEqual({
      launch: false,
      view: false,
      manage: false,
    });
    expect(
      processAccess({
        rights: all,
        userId: 'u',
        definitionId: 'loan',
        licences: ['process-direct-routed', 'process-monitor'],
      }),
    ).toEqual({ launch: true, view: true, manage: true });
  });
});

describe('keeping values out of logs', () => {
  it('redacts every variable not marked for reporting, in variables, locals and pending effects', () => {
    const definition = aDefinition({
      variables,
      actions: [act('invokeWebService', { protocol: 'http-json', url: 'http://127.0.0.1:9/x', body: { ssn: 'Ssn' } })],
    });
    const run = new Run(definition);
    const redacted = JSON.stringify(redactForLog(run.instance, definition));
    expect(redacted).toContain('"Name":"Ada"');
    expect(redacted).toContain('"Ssn":"***"');
    expect(redacted).not.toMatch(/123-45-6789|98000/);
    expect(JSON.stringify(redactForLog(run.instance))).not.toContain('Ada');
    expect(JSON.stringify(run.step.events)).not.toMatch(/123-45-6789|98000/);
  });
});

describe('saving and submitting work item data', () => {
  const definition = aDefinition({ variables, forms: [formWith({ ssn: false })] });
  const form = definition.forms[0] as (typeof definition.forms)[number];

  it('keeps only valid values on hold and reports the rest', () => {
    const saved = validWorkItemData(definition, form, { Name: 'Grace', Income: 'lots', Unbound: 1 });
    expect(saved.values).toEqual({ Name: 'Grace' });
    expect(saved.rejected).toEqual([
      { path: 'data.Income', message: 'must be a number' },
      { path: 'data.Unbound', message: 'is not a field of this form' },
    ]);
  });

  it('refuses data for a secured field the user may not see', () => {
    const view = workItemView({ definition, formId: 'review', values, viewer: viewer('Finance') });
    expect(() => assertEditable({ Name: 'x', Income: 1 }, view.editable)).not.toThrow();
    expect(() => assertEditable({ Ssn: '000-00-0000' }, view.editable)).toThrow(
      /data.Ssn: is not a field you may change/,
    );
  });
});

describe('secured values in the monitor', () => {
  it('leaves out the variables whose security specification does not include the user', () => {
    const definition = aDefinition({ variables });
    const shown = visibleVariables({ definition, values, viewer: viewer('Finance') });
    expect(shown).toEqual({ values: { Name: 'Ada', Income: 98000 }, hidden: ['Ssn'] });
    expect(visibleVariables({ definition, values, viewer: viewer('Finance', 'PII') }).hidden).toEqual([]);
  });
});

describe('a work item view of a form the definition lacks', () => {
  it('answers NOT_FOUND rather than an internal error', () => {
    const definition = aDefinition({ variables });
    expect(() => workItemView({ definition, formId: 'gone', values, viewer: viewer() })).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
  });
});
