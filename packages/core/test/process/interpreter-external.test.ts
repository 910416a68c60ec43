import { describe, expect, it } from 'vitest';
import { markRestoredInError, validateDefinition, type ProcessEffect } from '../../src/index.js';
import { Run, aDefinition, aForm, aVariable, act } from './builders.js';

const vars = [
  aVariable('Applicant', 'String', { initial: 'Ada' }),
  aVariable('Score', 'Integer'),
  aVariable('Scores', 'Integer', { list: true }),
  aVariable('Approved', 'Boolean'),
  aVariable('Reviewer', 'User', { initial: 'agent2' }),
  aVariable('Amount', 'Decimal', { initial: 5000 }),
  aVariable('Customer', 'Mailbox', { initial: 'ada@example.com' }),
  aVariable('Note', 'String'),
];
const review = aForm('review', ['Applicant', 'Note'], ['Approve', 'Deny'], {
  dueDate: 'addDays(now(), 2)',
  description: 'Loan for {Applicant}',
  validations: [{ rule: 'len(Note) <= 10', message: 'Note is too long', control: 'cNote' }],
});
review.pages[0]?.controls.push({
  id: 'cScore',
  kind: 'number',
  label: 'Score',
  variable: 'Score',
});
(review.pages[0]?.controls[1] as { required?: boolean }).required = true;

function valid(actions: Record<string, unknown>[], extra: Parameters<typeof aDefinition>[0] = {}) {
  const definition = aDefinition({ variables: vars, forms: [review], actions, ...extra });
  expect(validateDefinition(definition)).toEqual([]);
  return definition;
}

const approveOrDeny = [
  { button: 'Approve', actions: [act('assign', { variable: 'Approved', expression: 'true' })] },
  { button: 'Deny', actions: [act('assign', { variable: 'Approved', expression: 'false' })] },
];

describe('external actions yield one effect each and the instance waits', () => {
  it('sends a work item to a user and continues down the exit path of the submitted button', () => {
    const run = new Run(
      valid([act('sendWorkItemToUser', { id: 'ask', form: 'review', user: 'Reviewer', exits: approveOrDeny })]),
    );
    expect(run.instance.status).toBe('waiting');
    expect(run.step.effects).toEqual([
      {
        type: 'sendWorkItem',
        effectId: 'p1.1',
        instanceId: 'p1',
        actionId: 'ask',
        target: { kind: 'user', userId: 'agent2' },
        formId: 'review',
        category: 'Loans',
        description: 'Loan for Ada',
        dueDate: run.clock.now() + 2 * 86_400_000,
        buttons: ['Approve', 'Deny'],
        pickupTimeoutSeconds: null,
        reroute: null,
      },
    ]);
    run.submit('Approve', { Note: 'ok', Score: '720' });
    expect(run.instance.status).toBe('completed');
    expect(run.vars).toMatchObject({ Approved: true, Note: 'ok', Score: 720 });
  });

  it('sends a work item to a workgroup with a pickup timeout and a re-route target', () => {
    const run = new Run(
      valid([
        act('sendWorkItemToWorkgroup', {
          form: 'review',
          workgroup: "workgroup'Loans'",
          pickupTimeoutSeconds: 120,
          reroute: 'Reviewer',
          exits: approveOrDeny,
        }),
      ]),
    );
    expect(run.effect).toMatchObject({
      type: 'sendWorkItem',
      target: { kind: 'workgroup', workgroupId: 'Loans' },
      pickupTimeoutSeconds: 120,
      reroute: { kind: 'user', userId: 'agent2' },
    });
  });

  it('refuses a submission missing a required field, failing a validation rule, or with an unknown button', () => {
    const run = new Run(valid([act('sendWorkItemToUser', { form: 'review', user: 'Reviewer', exits: approveOrDeny })]));
    expect(() => run.submit('Approve', { Score: 1 })).toThrow(/data.Note: Note is required/);
    expect(() => run.submit('Approve', { Score: 1, Note: 'far too long a note' })).toThrow(
      /data.Note: Note is too long/,
    );
    expect(() => run.submit('Maybe', { Note: 'x' })).toThrow(/button: must be one of Approve, Deny/);
    expect(() => run.submit('Approve', { Note: 'x', Amount: 1 })).toThrow(/data.Amount: is not a field of this form/);
    expect(run.instance.status).toBe('waiting');
  });

  it('invokes a web service with evaluated body and maps its outputs; a failure is in error and retry re-issues the same effect id', () => {
    const run = new Run(
      valid([
        act('invokeWebService', {
          id: 'credit',
          protocol: 'http-json',
          url: 'http://127.0.0.1:9/credit/{Applicant}',
          body: { amount: 'Amount', name: 'upper(Applicant)' },
          timeoutSeconds: 5,
          outputs: [{ variable: 'Score', from: 'data.score' }],
        }),
      ]),
    );
    const first = run.effect;
    expect(first).toMatchObject({
      type: 'invokeWebService',
      url: 'http://127.0.0.1:9/credit/Ada',
      method: 'POST',
      body: { amount: 5000, name: 'ADA' },
      timeoutMs: 5000,
    });
    run.feed({ type: 'effectFailed', effectId: first.effectId, error: { message: 'connection refused' } });
    expect(run.instance).toMatchObject({ status: 'error', error: { effectId: 'p1.1', retryable: true } });
    run.feed({ type: 'retry' });
    expect(run.step.effects).toEqual([first]);
    run.complete({ 'data.score': 705 });
    expect(run.instance.status).toBe('completed');
    expect(run.vars['Score']).toBe(705);
  });

  it('runs a registered handler with its own timeout and maps its outputs', () => {
    const run = new Run(
      valid([
        act('runHandler', {
          handler: 'CreditCheck',
          inputs: { who: 'Applicant' },
          timeoutSeconds: 7,
          outputs: [{ variable: 'Approved', from: 'ok' }],
        }),
      ]),
    );
    expect(run.effect).toMatchObject({
      type: 'runHandler',
      handler: 'CreditCheck',
      inputs: { who: 'Ada' },
      timeoutMs: 7000,
    });
    run.complete({ ok: 'true' });
    expect(run.vars['Approved']).toBe(true);
  });

  it('puts the instance in error when an output cannot be converted to its variable', () => {
    const run = new Run(valid([act('runHandler', { handler: 'H', outputs: [{ variable: 'Score', from: 'score' }] })]));
    run.complete({ score: 'high' });
    expect(run.instance.status).toBe('error');
    expect(run.instance.error?.message).toContain('Score must be a number');
  });

  it('sends email to the evaluated recipients with templates filled in', () => {
    const run = new Run(
      valid([act('sendEmail', { to: 'Customer', subject: 'Loan for {Applicant}', body: 'Amount {Amount}' })]),
    );
    expect(run.effect).toMatchObject({
      type: 'sendEmail',
      to: ['ada@example.com'],
      subject: 'Loan for Ada',
      body: 'Amount 5000',
    });
    run.complete();
    expect(run.instance.status).toBe('completed');
  });

  it('runs a parameterised query and maps the first row to a variable and a column to a list', () => {
    const run = new Run(
      valid([
        act('databaseQuery', {
          dataSource: 'crm',
          sql: 'select score from history where name = $1',
          parameters: ['Applicant'],
          outputs: [
            { variable: 'Score', from: 'score' },
            { variable: 'Scores', from: 'score' },
          ],
        }),
      ]),
    );
    expect(run.effect).toMatchObject({
      type: 'databaseQuery',
      dataSource: 'crm',
      parameters: ['Ada'],
      timeoutMs: 30_000,
    });
    run.complete({ rows: [{ score: 700 }, { score: 650 }] });
    expect(run.vars).toMatchObject({ Score: 700, Scores: [700, 650] });
  });

  it('waits for a timer of some seconds, or until a date, and goes on when it fires', () => {
    const run = new Run(
      valid([act('wait', { seconds: '90' }), act('wait', { until: "datetime'2030-01-01T00:00:00Z'" })]),
    );
    expect(run.effect).toMatchObject({ type: 'startTimer', fireAt: run.clock.now() + 90_000 });
    expect(() => run.complete()).toThrow(/startTimer and cannot take this input/);
    run.clock.advance(90_000);
    run.feed({ type: 'timerFired', effectId: run.effect.effectId });
    expect(run.effect).toMatchObject({ type: 'startTimer', effectId: 'p1.2', fireAt: Date.UTC(2030, 0, 1) });
    run.feed({ type: 'timerFired', effectId: 'p1.2' });
    expect(run.instance.status).toBe('completed');
  });

  it('launches a subprocess one level deeper and copies its outputs when it ends', () => {
    const run = new Run(
      valid([
        act('launchSubprocess', {
          process: 'kyc',
          inputs: { who: 'Applicant' },
          outputs: [{ variable: 'Approved', from: 'Passed' }],
        }),
      ]),
    );
    expect(run.effect).toMatchObject({
      type: 'launchSubprocess',
      definitionId: 'kyc',
      inputs: { who: 'Ada' },
      depth: 1,
      waitForCompletion: true,
    });
    run.complete({ Passed: true });
    expect(run.vars['Approved']).toBe(true);
  });

  it('refuses to launch a subprocess past PAS_DepthThreshold (excessive recursion)', () => {
    const definition = valid([act('launchSubprocess', { process: 'loan' })], { id: 'loan' });
    const deep = new Run(definition, { depth: 10 });
    expect(deep.instance.status).toBe('error');
    expect(deep.instance.error?.message).toContain('PAS_DepthThreshold (10)');
    expect(new Run(definition, { depth: 9 }).effect).toMatchObject({ depth: 10 });
  });

  it('tells the parent when a subprocess ends, with its outputs', () => {
    const child = new Run(valid([act('assign', { variable: 'Score', expression: '42' })], { outputs: ['Score'] }), {
      depth: 1,
      id: 'c1',
    });
    expect(child.step.effects).toEqual([
      {
        type: 'subprocessEnded',
        effectId: 'c1.end',
        instanceId: 'c1',
        actionId: '',
        parentInstanceId: 'parent',
        parentEffectId: 'parent.1',
        status: 'completed',
        outputs: { Score: 42 },
      },
    ]);
  });

  it('withdraws the pending effect when the instance is cancelled, and refuses inputs afterwards', () => {
    const run = new Run(
      valid([act('sendWorkItemToUser', { id: 'ask', form: 'review', user: 'Reviewer', exits: approveOrDeny })]),
    );
    const effectId = run.effect.effectId;
    run.feed({ type: 'cancel', reason: 'customer withdrew' });
    expect(run.instance).toMatchObject({ status: 'cancelled', pending: null });
    expect(run.step.effects).toEqual([
      {
        type: 'withdraw',
        effectId,
        instanceId: 'p1',
        actionId: 'ask',
        withdrawn: 'sendWorkItem',
      } satisfies ProcessEffect,
    ]);
    expect(() => run.feed({ type: 'retry' })).toThrow(/is cancelled/);
  });

  it('refuses an input for an effect the instance is not waiting on', () => {
    const run = new Run(valid([act('sendEmail', { to: 'Customer', subject: 's', body: 'b' })]));
    expect(() => run.feed({ type: 'effectCompleted', effectId: 'p1.9', outputs: {} })).toThrow(
      /not waiting on effect p1.9/,
    );
    expect(() => run.feed({ type: 'retry' })).toThrow(/not in error/);
  });

  it('restores an in-flight web service, handler or e-mail action "in error", retryable with the same effect', () => {
    const ws = new Run(
      valid([act('invokeWebService', { protocol: 'soap', soapAction: 'Check', url: 'http://127.0.0.1:9/soap' })]),
    );
    const restored = markRestoredInError(ws.instance, ws.clock.now());
    expect(restored).toMatchObject({ status: 'error', pending: { restoredInError: true }, error: { retryable: true } });
    expect(restored.error?.message).toMatch(/^restored in error/);
    ws.step = { ...ws.step, instance: restored };
    ws.feed({ type: 'retry' });
    expect(ws.step.effects[0]?.effectId).toBe('p1.1');
    // The server restores an e-mail in error only once it was handed to the relay (outcome unknown).
    const email = new Run(valid([act('sendEmail', { to: 'Customer', subject: 's', body: 'b' })]));
    expect(markRestoredInError(email.instance, 0)).toMatchObject({
      status: 'error',
      pending: { restoredInError: true },
    });
    const timer = new Run(valid([act('wait', { seconds: '60' })]));
    expect(timer.instance.status).toBe('waiting');
    expect(markRestoredInError(timer.instance, 0)).toBe(timer.instance);
  });
});

describe('subprocesses and failures seen from the parent', () => {
  it('tells the parent when a subprocess is cancelled', () => {
    const child = new Run(valid([act('wait', { seconds: '60' })]), { depth: 1, id: 'c2' });
    child.feed({ type: 'cancel' });
    expect(child.step.effects.map((e) => e.type)).toEqual(['withdraw', 'subprocessEnded']);
    expect(child.step.effects[1]).toMatchObject({ status: 'cancelled', parentEffectId: 'parent.1' });
  });

  it('puts the instance in error when a work item cannot be routed, and re-sends the same item on retry', () => {
    const run = new Run(valid([act('sendWorkItemToUser', { form: 'review', user: '"nobody"', exits: approveOrDeny })]));
    const item = run.effect;
    run.feed({
      type: 'effectFailed',
      effectId: item.effectId,
      error: { message: 'user nobody has no process licence' },
    });
    expect(run.instance.status).toBe('error');
    run.feed({ type: 'retry' });
    expect(run.step.effects).toEqual([item]);
  });

  it('refuses a failure report for a timer', () => {
    const run = new Run(valid([act('wait', { seconds: '1' })]));
    expect(() => run.feed({ type: 'effectFailed', effectId: run.effect.effectId, error: { message: 'x' } })).toThrow(
      /startTimer and cannot take this input/,
    );
  });
});
