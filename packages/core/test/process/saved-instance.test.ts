import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FakeClock, advance, migrateInstance, parseDefinition, type ProcessDefinition } from '../../src/index.js';

const read = (name: string) =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as unknown;

function carLoan(): ProcessDefinition {
  const parsed = parseDefinition(read('car-loan-definition.json'));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.definition;
}

describe('a saved instance of schema version 1', () => {
  it('resumes where it was saved: the work item is submitted, the web service answers, the process ends', () => {
    const definition = carLoan();
    const clock = new FakeClock(Date.UTC(2026, 10, 21, 8, 0, 0));
    const saved = migrateInstance(read('saved-instance-v1.json'));
    expect(saved).toMatchObject({ status: 'waiting', state: 'Collect', definitionVersion: 3 });

    let step = advance(
      saved,
      definition,
      { type: 'workItemSubmitted', effectId: 'pi-000042.1', button: 'Submit', data: { LoanAmount: 15000 } },
      { clock },
    );
    expect(step.instance.state).toBe('Check');
    expect(step.effects).toEqual([
      expect.objectContaining({ type: 'invokeWebService', effectId: 'pi-000042.2', body: { ssn: '123-45-6789' } }),
    ]);
    step = advance(
      step.instance,
      definition,
      { type: 'effectCompleted', effectId: 'pi-000042.2', outputs: { score: 700 } },
      { clock },
    );
    expect(step.instance).toMatchObject({
      status: 'completed',
      endedAt: clock.now(),
      variables: { LoanAmount: 15000, CreditScore: 700, LoanApproved: true },
    });
  });

  it('survives a JSON round trip after every step (the server stores plain JSON)', () => {
    const definition = carLoan();
    const clock = new FakeClock();
    const saved = migrateInstance(read('saved-instance-v1.json'));
    const step = advance(
      saved,
      definition,
      { type: 'workItemSubmitted', effectId: 'pi-000042.1', button: 'Submit', data: {} },
      { clock },
    );
    expect(JSON.parse(JSON.stringify(step.instance))).toEqual(step.instance);
  });

  it('goes in error, not a crash, when run against a definition that lacks its saved position', () => {
    const definition = carLoan();
    const other = { ...definition, states: definition.states.map((s) => ({ ...s, id: `${s.id}2` })) };
    const saved = migrateInstance(read('saved-instance-v1.json'));
    const input = { type: 'workItemSubmitted', effectId: 'pi-000042.1', button: 'Submit', data: {} } as const;
    const step = advance(saved, other, input, { clock: new FakeClock() });
    expect(step.instance).toMatchObject({ status: 'error', error: { retryable: false } });
  });

  it('refuses what is not a saved instance, or one from an unknown schema version', () => {
    expect(() => migrateInstance({ schemaVersion: 99, id: 'x', frames: [] })).toThrow(/schema version 1/);
    expect(() => migrateInstance('nonsense')).toThrow(/schema version 1/);
  });
});
