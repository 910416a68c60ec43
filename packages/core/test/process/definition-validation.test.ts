import { describe, expect, it } from 'vitest';
import { parseDefinition, validateDefinition } from '../../src/index.js';
import { aDefinition, aDefinitionDocument, aForm, aVariable, act } from './builders.js';

const loanVariables = [
  aVariable('LoanAmount', 'Decimal'),
  aVariable('CreditScore', 'Integer'),
  aVariable('Approved', 'Boolean'),
  aVariable('Applicant', 'String'),
];

function pathsOf(parts: Parameters<typeof aDefinition>[0], options = {}) {
  return validateDefinition(aDefinition(parts), options).map((i) => i.path);
}

describe('validating a process definition', () => {
  it('accepts a well-formed definition with no issues', () => {
    const parsed = parseDefinition(
      aDefinitionDocument({
        variables: loanVariables,
        actions: [
          act('assign', { variable: 'LoanAmount', expression: '1000' }),
          act('decision', {
            condition: 'LoanAmount > 500',
            then: [act('assign', { variable: 'Approved', expression: 'true' })],
          }),
          act('endProcess'),
        ],
      }),
    );
    expect(parsed).toMatchObject({ ok: true });
  });

  it('names the exact path of an unknown variable deep inside nested actions', () => {
    const states = [
      { id: 'A', name: 'A', start: true, actions: [] },
      { id: 'B', name: 'B', actions: [] },
      {
        id: 'C',
        name: 'C',
        actions: [
          act('decision', {
            condition: 'true',
            then: [act('log', { message: 'x' }), act('assign', { variable: 'Nope', expression: '1' })],
          }),
        ],
      },
    ];
    const issues = validateDefinition(aDefinition({ variables: loanVariables, states }));
    expect(issues).toEqual([{ path: 'states[2].actions[0].then[1].variable', message: 'unknown variable Nope' }]);
  });

  it('reports type mismatches in expressions and in assignments', () => {
    const issues = validateDefinition(
      aDefinition({
        variables: loanVariables,
        actions: [
          act('assign', { variable: 'CreditScore', expression: 'LoanAmount * 2' }),
          act('decision', { condition: 'CreditScore + 1', then: [] }),
          act('assign', { variable: 'Applicant', expression: 'CreditScore + "x"' }),
        ],
      }),
    );
    expect(issues.map((i) => i.path)).toEqual([
      'states[0].actions[0].expression',
      'states[0].actions[1].condition',
      'states[0].actions[2].expression',
    ]);
    expect(issues[0]?.message).toBe('must be Integer, not Decimal');
    expect(issues[1]?.message).toBe('must be Boolean, not Integer');
    expect(issues[2]?.message).toMatch(/^\+ cannot combine Integer and String \(at 0\)$/);
  });

  it('requires exactly one start state', () => {
    const none = [{ id: 'A', name: 'A', actions: [] }];
    const two = [
      { id: 'A', name: 'A', start: true, actions: [] },
      { id: 'B', name: 'B', start: true, actions: [] },
    ];
    expect(validateDefinition(aDefinition({ states: none }))).toEqual([
      { path: 'states', message: 'exactly one state must be the start state (found 0)' },
    ]);
    expect(validateDefinition(aDefinition({ states: two }))[0]?.message).toContain('found 2');
  });

  it('refuses Change State and End Process inside a task, even nested', () => {
    const tasks = [
      {
        id: 'T',
        name: 'T',
        actions: [
          act('endProcess'),
          act('loop', { condition: 'false', body: [act('changeState', { state: 'Start' })] }),
        ],
      },
    ];
    const issues = validateDefinition(aDefinition({ tasks }));
    expect(issues).toEqual([
      { path: 'tasks[0].actions[0].kind', message: 'End Process is a state-level action and is refused inside a task' },
      {
        path: 'tasks[0].actions[1].body[0].kind',
        message: 'Change State is a state-level action and is refused inside a task',
      },
    ]);
  });

  it('reports exit paths pointing nowhere: unknown states, tasks, forms and buttons', () => {
    const paths = pathsOf({
      variables: loanVariables,
      forms: [aForm('review', ['Applicant'], ['Approve', 'Deny'])],
      actions: [
        act('changeState', { state: 'Nowhere' }),
        act('callTask', { task: 'Missing' }),
        act('sendWorkItemToUser', { form: 'nope', user: '"agent1"', exits: [] }),
        act('sendWorkItemToWorkgroup', {
          form: 'review',
          workgroup: '"Loans"',
          exits: [
            { button: 'Approve', actions: [] },
            { button: 'Maybe', actions: [] },
          ],
        }),
      ],
    });
    expect(paths).toEqual([
      'states[0].actions[0].state',
      'states[0].actions[1].task',
      'states[0].actions[2].form',
      'states[0].actions[3].exits[1].button',
      'states[0].actions[3].exits',
    ]);
  });

  it('says which button has no exit path', () => {
    const issues = validateDefinition(
      aDefinition({
        variables: loanVariables,
        forms: [aForm('review', ['Applicant'], ['Approve', 'Deny'])],
        actions: [
          act('sendWorkItemToUser', { form: 'review', user: '"agent1"', exits: [{ button: 'Approve', actions: [] }] }),
        ],
      }),
    );
    expect(issues).toEqual([
      { path: 'states[0].actions[0].exits', message: 'button Deny of form review has no exit path' },
    ]);
  });

  it('reports duplicate ids of actions, states, variables and buttons', () => {
    const paths = pathsOf({
      variables: [aVariable('X', 'String'), aVariable('X', 'Integer')],
      states: [
        { id: 'S', name: 'S', start: true, actions: [{ id: 'dup', kind: 'log', message: 'a' }] },
        { id: 'S', name: 'S2', actions: [{ id: 'dup', kind: 'log', message: 'b' }] },
      ],
      forms: [aForm('f', ['X'], ['Go', 'Go'])],
    });
    expect(paths).toEqual(['variables[1].name', 'states[1].id', 'states[1].actions[0].id', 'forms[0].buttons[1].id']);
  });

  it('checks Launch Subprocess targets, their inputs and outputs, when it can find definitions', () => {
    const child = aDefinition({
      id: 'child',
      variables: [aVariable('In', 'Integer'), aVariable('Out', 'String')],
      inputs: ['In'],
      outputs: ['Out'],
    });
    const parts = {
      variables: loanVariables,
      actions: [
        act('launchSubprocess', { process: 'ghost' }),
        act('launchSubprocess', {
          process: 'child',
          inputs: { In: '"text"', Other: '1' },
          outputs: [
            { variable: 'CreditScore', from: 'Out' },
            { variable: 'Applicant', from: 'Nope' },
          ],
        }),
      ],
    };
    const issues = validateDefinition(aDefinition(parts), {
      findProcess: (id) => (id === 'child' ? child : undefined),
    });
    expect(issues.map((i) => i.path)).toEqual([
      'states[0].actions[0].process',
      'states[0].actions[1].inputs.In',
      'states[0].actions[1].inputs.Other',
      'states[0].actions[1].outputs[0].variable',
      'states[0].actions[1].outputs[1].from',
    ]);
  });

  it('checks handler names, data sources, SQL parameters and security specifications against the server', () => {
    const paths = pathsOf(
      {
        variables: [aVariable('Ssn', 'String', { securitySpecification: 'PII' }), ...loanVariables],
        actions: [
          act('runHandler', { handler: 'CreditCheck' }),
          act('databaseQuery', {
            dataSource: 'crm',
            sql: 'select 1 where a = $1 and b = $2',
            parameters: ['CreditScore'],
          }),
          act('wait', {}),
          act('wait', { seconds: '"soon"' }),
        ],
      },
      { handlerExists: () => false, dataSourceExists: () => false, securitySpecificationExists: () => false },
    );
    expect(paths).toEqual([
      'variables[0].securitySpecification',
      'states[0].actions[0].handler',
      'states[0].actions[1].dataSource',
      'states[0].actions[1].sql',
      'states[0].actions[2].seconds',
      'states[0].actions[3].seconds',
    ]);
  });

  it('checks forms: bound variables, drop-down options, validation rules and due dates', () => {
    const form = {
      id: 'f',
      dueDate: 'LoanAmount',
      pages: [
        {
          title: 'p',
          controls: [
            { id: 'a', kind: 'text', label: 'A', variable: 'Ghost' },
            { id: 'b', kind: 'dropdown', label: 'B', variable: 'Applicant' },
            { id: 'c', kind: 'number', label: 'C' },
            { id: 'd', kind: 'label', label: 'D', required: true },
          ],
        },
      ],
      buttons: [{ id: 'ok', label: 'OK' }],
      validations: [{ rule: 'LoanAmount', message: 'x' }],
    };
    expect(pathsOf({ variables: loanVariables, forms: [form] })).toEqual([
      'forms[0].dueDate',
      'forms[0].pages[0].controls[0].variable',
      'forms[0].pages[0].controls[1].options',
      'forms[0].pages[0].controls[2].variable',
      'forms[0].pages[0].controls[3].required',
      'forms[0].validations[0].rule',
    ]);
  });

  it('keeps scopes apart: a task sees its locals and process variables, not the state’s', () => {
    const states = [
      {
        id: 'S',
        name: 'S',
        start: true,
        variables: [aVariable('StateOnly', 'String')],
        actions: [act('callTask', { task: 'T', inputs: { Amount: 'LoanAmount' }, outputs: { Result: 'Applicant' } })],
      },
    ];
    const tasks = [
      {
        id: 'T',
        name: 'T',
        variables: [aVariable('Amount', 'Decimal'), aVariable('Result', 'String')],
        inputs: ['Amount'],
        outputs: ['Result'],
        actions: [act('assign', { variable: 'Result', expression: 'StateOnly' })],
      },
    ];
    const issues = validateDefinition(aDefinition({ variables: loanVariables, states, tasks }));
    expect(issues).toEqual([{ path: 'tasks[0].actions[0].expression', message: 'unknown variable StateOnly (at 0)' }]);
  });

  it('reports shape errors from the schema with the same bracket paths', () => {
    const doc = aDefinitionDocument({
      actions: [act('decision', { condition: 'true', then: [{ id: 'x', kind: 'assign' }] })],
    });
    const parsed = parseDefinition(doc);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.issues.map((i) => i.path)).toContain('states[0].actions[0].then[0].variable');
    const wrongVersion = parseDefinition({ ...aDefinitionDocument(), formatVersion: 2 });
    expect(wrongVersion.ok === false && wrongVersion.issues[0]?.path).toBe('formatVersion');
  });

  it('defaults logToReporting to false for new variables', () => {
    expect(aDefinition({ variables: [aVariable('X', 'String')] }).variables[0]?.logToReporting).toBe(false);
  });
});
