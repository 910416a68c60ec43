import { describe, expect, it } from 'vitest';
import { validateDefinition } from '../../src/index.js';
import { Run, aDefinition, aVariable, act } from './builders.js';

const vars = [
  aVariable('Amount', 'Decimal', { initial: 100 }),
  aVariable('Count', 'Integer'),
  aVariable('Result', 'String'),
  aVariable('Fee', 'Currency'),
  aVariable('Secret', 'String', { initial: 'hunter2' }),
  aVariable('Shown', 'String', { initial: 'visible', logToReporting: true }),
];

function valid(parts: Parameters<typeof aDefinition>[0]) {
  const definition = aDefinition(parts);
  expect(validateDefinition(definition)).toEqual([]);
  return definition;
}

describe('running internal actions within one step', () => {
  it('assigns values converted to the variable’s type and completes at the end of the start state', () => {
    const run = new Run(
      valid({
        variables: vars,
        actions: [
          act('assign', { variable: 'Fee', expression: 'Amount * 0.0125 + 0.001' }),
          act('assign', { variable: 'Result', expression: '"fee " & Fee' }),
        ],
      }),
    );
    expect(run.instance.status).toBe('completed');
    expect(run.vars['Fee']).toBe(1.25);
    expect(run.vars['Result']).toBe('fee 1.25');
    expect(run.step.effects).toEqual([]);
    expect(run.step.events.map((e) => e.type)).toEqual([
      'instance.started',
      'action.executed',
      'action.executed',
      'instance.completed',
    ]);
  });

  it('takes the then or else branch of a decision', () => {
    const definition = valid({
      variables: vars,
      inputs: ['Amount'],
      actions: [
        act('decision', {
          condition: 'Amount > 500',
          then: [act('assign', { variable: 'Result', expression: '"large"' })],
          else: [act('assign', { variable: 'Result', expression: '"small"' })],
        }),
        act('assign', { variable: 'Count', expression: '1' }),
      ],
    });
    expect(new Run(definition, { inputs: { Amount: 900 } }).vars).toMatchObject({ Result: 'large', Count: 1 });
    expect(new Run(definition, { inputs: { Amount: '20.5' } }).vars).toMatchObject({ Result: 'small', Count: 1 });
  });

  it('loops while the condition holds', () => {
    const run = new Run(
      valid({
        variables: vars,
        actions: [
          act('loop', {
            condition: 'Count < 5',
            body: [act('assign', { variable: 'Count', expression: 'Count + 1' })],
          }),
        ],
      }),
    );
    expect(run.instance.status).toBe('completed');
    expect(run.vars['Count']).toBe(5);
  });

  it('stops a loop at its iteration cap and leaves the instance in error instead of spinning', () => {
    const run = new Run(
      valid({
        variables: vars,
        actions: [
          act('loop', {
            id: 'forever',
            condition: 'true',
            maxIterations: 50,
            body: [act('assign', { variable: 'Count', expression: 'Count + 1' })],
          }),
        ],
      }),
    );
    expect(run.instance.status).toBe('error');
    expect(run.instance.error).toMatchObject({
      actionId: 'forever',
      message: 'loop forever: still true after 50 iterations',
    });
    expect(run.vars['Count']).toBe(50);
  });

  it('stops states that change into each other forever with the per-step action budget', () => {
    const states = [
      { id: 'A', name: 'A', start: true, actions: [act('changeState', { state: 'B' })] },
      { id: 'B', name: 'B', actions: [act('changeState', { state: 'A' })] },
    ];
    const run = new Run(valid({ states }));
    expect(run.instance.status).toBe('error');
    expect(run.instance.error?.message).toMatch(/more than 10000 actions in one step/);
  });

  it('calls a task with inputs, runs its actions with local variables and copies its outputs back', () => {
    const tasks = [
      {
        id: 'price',
        name: 'Price',
        variables: [aVariable('Base', 'Decimal'), aVariable('Total', 'Currency'), aVariable('Tmp', 'Integer')],
        inputs: ['Base'],
        outputs: ['Total'],
        actions: [
          act('assign', { variable: 'Tmp', expression: '2' }),
          act('assign', { variable: 'Total', expression: 'Base * Tmp' }),
        ],
      },
    ];
    const run = new Run(
      valid({
        variables: vars,
        tasks,
        actions: [
          act('callTask', { task: 'price', inputs: { Base: 'Amount' }, outputs: { Total: 'Fee' } }),
          act('callTask', { task: 'price', inputs: { Base: 'Fee' }, outputs: { Total: 'Fee' } }),
        ],
      }),
    );
    expect(run.vars['Fee']).toBe(400);
    expect(run.vars).not.toHaveProperty('Tmp');
  });

  it('changes state with inputs into the new state’s variables, and ends the process', () => {
    const states = [
      {
        id: 'Collect',
        name: 'Collect',
        start: true,
        actions: [act('changeState', { state: 'Review', inputs: { Note: '"from collect"' } })],
      },
      {
        id: 'Review',
        name: 'Review',
        variables: [aVariable('Note', 'String')],
        inputs: ['Note'],
        actions: [
          act('assign', { variable: 'Result', expression: 'Note' }),
          act('endProcess'),
          act('assign', { variable: 'Count', expression: '9' }),
        ],
      },
    ];
    const run = new Run(valid({ variables: vars, states }));
    expect(run.instance).toMatchObject({ status: 'completed', state: 'Review', endedAt: run.clock.now() });
    expect(run.vars).toMatchObject({ Result: 'from collect', Count: 0 });
    expect(run.step.events).toContainEqual(
      expect.objectContaining({ type: 'state.changed', from: 'Collect', to: 'Review' }),
    );
  });

  it('logs messages with values only of variables marked for reporting', () => {
    const run = new Run(
      valid({ variables: vars, actions: [act('log', { id: 'note', message: 'secret={Secret} shown={Shown}' })] }),
    );
    expect(run.instance.history.find((h) => h.actionId === 'note')?.outcome).toBe('secret=*** shown=visible');
    expect(run.step.events).toContainEqual(
      expect.objectContaining({ type: 'instance.logged', message: 'secret=*** shown=visible' }),
    );
    expect(JSON.stringify(run.step.events)).not.toContain('hunter2');
  });

  it('puts the instance in error on a runtime expression error and resumes the same action on retry', () => {
    const run = new Run(
      valid({
        variables: vars,
        inputs: ['Count'],
        actions: [
          act('assign', { id: 'div', variable: 'Amount', expression: '10 / Count' }),
          act('assign', { variable: 'Result', expression: '"done"' }),
        ],
      }),
    );
    expect(run.instance).toMatchObject({ status: 'error', error: { actionId: 'div', retryable: true } });
    expect(run.instance.error?.message).toContain('division by zero');
    run.feed({ type: 'retry' });
    expect(run.instance.status).toBe('error');
    run.step = { ...run.step, instance: { ...run.instance, variables: { ...run.vars, Count: 4 } } };
    run.feed({ type: 'retry' });
    expect(run.instance.status).toBe('completed');
    expect(run.vars).toMatchObject({ Amount: 2.5, Result: 'done' });
  });

  it('refuses launch inputs that are not inputs or have the wrong type, naming the field', () => {
    const definition = valid({ variables: vars, inputs: ['Count'] });
    expect(() => new Run(definition, { inputs: { Count: 'many' } })).toThrow(/inputs.Count: must be a number/);
    expect(() => new Run(definition, { inputs: { Secret: 'x' } })).toThrow(/inputs.Secret: is not an input/);
  });

  it('leaves the instance it was given unchanged (a pure step)', () => {
    const run = new Run(
      valid({
        variables: vars,
        inputs: ['Count'],
        actions: [act('assign', { variable: 'Amount', expression: '10 / Count' })],
      }),
    );
    const before = structuredClone(run.instance);
    const after = run.feed({ type: 'retry' });
    expect(after.instance).not.toBe(before);
    expect(run.instance.history.length).toBeGreaterThanOrEqual(before.history.length);
    const again = structuredClone(before);
    run.step = { ...run.step, instance: again };
    run.feed({ type: 'cancel' });
    expect(again).toEqual(before);
  });
});

describe('guards that hold even for a definition that skipped validation', () => {
  it('refuses End Process and Change State inside a task at run time', () => {
    const tasks = [{ id: 'T', name: 'T', actions: [act('endProcess', { id: 'sneaky' })] }];
    const run = new Run(aDefinition({ tasks, actions: [act('callTask', { task: 'T' })] }));
    expect(run.instance).toMatchObject({ status: 'error', error: { actionId: 'sneaky' } });
    expect(run.instance.error?.message).toContain('End Process is refused inside a task');
  });

  it('stops a task that calls itself at the call depth limit', () => {
    const tasks = [{ id: 'T', name: 'T', actions: [act('callTask', { task: 'T' })] }];
    const run = new Run(valid({ tasks, actions: [act('callTask', { task: 'T' })] }));
    expect(run.instance.status).toBe('error');
    expect(run.instance.error?.message).toContain('tasks nested deeper than 50');
    expect(run.instance.frames).toHaveLength(50);
  });
});
