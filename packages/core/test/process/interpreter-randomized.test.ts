import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../seeded-random.js';
import {
  FakeClock,
  advance,
  isTandemError,
  launchInstance,
  parseDefinition,
  type ProcessDefinition,
  type ProcessInput,
  type ProcessInstance,
} from '../../src/index.js';

const prng = mulberry32;

const INTEGER = ['I + 1', 'I * 2 - 3', 'len(S)', 'round(10 / I)', 'round(D)', 'len(L)'];
const BOOLEAN = ['I > 3', 'B', 'not B and I < 10', 'contains(S, "x")', 'isEmpty(L)', 'D >= 2.5'];
const STRING = ['S & "x"', 'upper(S)', 'toString(I)', '"fixed"'];

class Generator {
  private n = 0;
  constructor(private readonly random: () => number) {}
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.random() * list.length)] as T;
  }
  id(): string {
    this.n += 1;
    return `x${this.n}`;
  }
  actions(depth: number, inTask: boolean, states: string[]): Record<string, unknown>[] {
    const count = 1 + Math.floor(this.random() * 3);
    return Array.from({ length: count }, () => this.action(depth, inTask, states));
  }
  action(depth: number, inTask: boolean, states: string[]): Record<string, unknown> {
    const nested = depth < 2;
    const kinds = [
      'assign',
      'assign',
      'log',
      'wait',
      'invokeWebService',
      'runHandler',
      'sendEmail',
      'databaseQuery',
      'launchSubprocess',
      ...(nested ? ['decision', 'loop', 'sendWorkItemToUser'] : []),
      ...(inTask ? [] : ['changeState', 'endProcess', 'callTask']),
    ];
    const id = this.id();
    const kind = this.pick(kinds);
    const body = () => this.actions(depth + 1, inTask, states);
    switch (kind) {
      case 'assign': {
        const [variable, exprs] = this.pick([
          ['I', INTEGER],
          ['B', BOOLEAN],
          ['S', STRING],
        ] as const);
        return { id, kind, variable, expression: this.pick(exprs) };
      }
      case 'decision':
        return { id, kind, condition: this.pick(BOOLEAN), then: body(), else: body() };
      case 'loop':
        return { id, kind, condition: this.pick(BOOLEAN), maxIterations: 3, body: body() };
      case 'sendWorkItemToUser':
        return {
          id,
          kind,
          form: 'f',
          user: '"agent1"',
          exits: [
            { button: 'Ok', actions: body() },
            { button: 'No', actions: [] },
          ],
        };
      case 'changeState':
        return { id, kind, state: this.pick(states) };
      case 'callTask':
        return { id, kind, task: 'T', inputs: { In: this.pick(INTEGER) }, outputs: { Out: 'I' } };
      case 'log':
        return { id, kind, message: 'I={I} S={S}' };
      case 'wait':
        return { id, kind, seconds: '5' };
      case 'invokeWebService':
        return {
          id,
          kind,
          protocol: 'http-json',
          url: 'http://127.0.0.1:9/{S}',
          outputs: [{ variable: 'I', from: 'n' }],
        };
      case 'runHandler':
        return { id, kind, handler: 'H', inputs: { s: 'S' }, outputs: [{ variable: 'D', from: 'd' }] };
      case 'sendEmail':
        return { id, kind, to: '"a@example.com"', subject: '{S}', body: 'b' };
      case 'databaseQuery':
        return {
          id,
          kind,
          dataSource: 'db',
          sql: 'select $1',
          parameters: ['I'],
          outputs: [{ variable: 'L', from: 'v' }],
        };
      case 'launchSubprocess':
        return { id, kind, process: 'random', outputs: [{ variable: 'S', from: 'S' }] };
      default:
        return { id, kind };
    }
  }
  definition(): unknown {
    const states = ['S0', 'S1', 'S2'];
    return {
      formatVersion: 1,
      id: 'random',
      name: 'Random',
      variables: [
        { name: 'I', type: 'Integer' },
        { name: 'D', type: 'Decimal', initial: 1.5 },
        { name: 'S', type: 'String' },
        { name: 'B', type: 'Boolean' },
        { name: 'L', type: 'Integer', list: true },
      ],
      outputs: ['S'],
      states: states.map((s, i) => ({ id: s, name: s, start: i === 0, actions: this.actions(0, false, states) })),
      tasks: [
        {
          id: 'T',
          name: 'T',
          variables: [
            { name: 'In', type: 'Integer' },
            { name: 'Out', type: 'Integer' },
          ],
          inputs: ['In'],
          outputs: ['Out'],
          actions: [
            { id: this.id(), kind: 'assign', variable: 'Out', expression: 'In * 2' },
            ...this.actions(1, true, states),
          ],
        },
      ],
      forms: [
        {
          id: 'f',
          pages: [{ title: 'p', controls: [{ id: 'c', kind: 'text', label: 'S', variable: 'S' }] }],
          buttons: [
            { id: 'Ok', label: 'Ok' },
            { id: 'No', label: 'No', validates: false },
          ],
        },
      ],
    };
  }
}

function inputFor(instance: ProcessInstance, random: () => number): ProcessInput {
  if (instance.status === 'error')
    return instance.error?.retryable && random() < 0.8 ? { type: 'retry' } : { type: 'cancel' };
  const effect = instance.pending?.effect;
  if (!effect) throw new Error(`no pending effect while ${instance.status}`);
  const roll = random();
  if (roll < 0.03) return { type: 'cancel' };
  if (effect.type === 'startTimer') return { type: 'timerFired', effectId: effect.effectId };
  if (roll < 0.2) return { type: 'effectFailed', effectId: effect.effectId, error: { message: 'boom' } };
  if (effect.type === 'sendWorkItem') {
    return {
      type: 'workItemSubmitted',
      effectId: effect.effectId,
      button: roll < 0.6 ? 'Ok' : 'No',
      data: { S: roll < 0.4 ? 'x' : '' },
    };
  }
  const outputs = { n: Math.floor(random() * 8), d: '2.75', v: [1, 2], rows: [{ v: 3 }], S: 'child' };
  return { type: 'effectCompleted', effectId: effect.effectId, outputs };
}

function checkInvariants(instance: ProcessInstance): void {
  expect(['waiting', 'error', 'completed', 'cancelled']).toContain(instance.status);
  expect(JSON.parse(JSON.stringify(instance))).toEqual(instance);
  if (instance.status === 'waiting') expect(instance.pending).not.toBeNull();
  if (instance.status === 'completed' || instance.status === 'cancelled') expect(instance.frames).toEqual([]);
}

describe('randomly generated definitions driven by random inputs', () => {
  it('validate, and every step ends waiting, in error or finished, as plain JSON, with effect ids never reused', () => {
    const outcomes: Record<string, number> = {};
    let errorsSeen = 0;
    for (let seed = 1; seed <= 150; seed++) {
      const random = prng(seed);
      const parsed = parseDefinition(new Generator(random).definition());
      if (!parsed.ok) throw new Error(`seed ${seed}: ${JSON.stringify(parsed.issues)}`);
      const definition: ProcessDefinition = parsed.definition;
      const clock = new FakeClock();
      let step = launchInstance(
        definition,
        { instanceId: `r${seed}`, definitionVersion: 1, originator: 'agent1' },
        { clock },
      );
      const issued = new Set<string>();
      let input: ProcessInput | undefined;
      let before: ProcessInstance | undefined;
      for (let n = 0; n < 60 && (step.instance.status === 'waiting' || step.instance.status === 'error'); n++) {
        checkInvariants(step.instance);
        for (const e of step.effects) {
          if (e.type === 'withdraw' || e.type === 'subprocessEnded') continue;
          if (input?.type === 'retry' && before?.pending) {
            expect(e, `seed ${seed}: retry re-issues the same effect`).toEqual(before.pending.effect);
          } else {
            expect(issued.has(e.effectId), `seed ${seed}: ${e.effectId} reused`).toBe(false);
          }
          issued.add(e.effectId);
        }
        clock.advance(1000);
        if (step.instance.status === 'error') errorsSeen += 1;
        before = step.instance;
        input = inputFor(step.instance, random);
        try {
          step = advance(step.instance, definition, input, { clock });
        } catch (e) {
          if (!isTandemError(e)) throw e;
          throw new Error(`seed ${seed}: ${e.message}`);
        }
      }
      checkInvariants(step.instance);
      outcomes[step.instance.status] = (outcomes[step.instance.status] ?? 0) + 1;
    }
    // The walks reach more than one ending and pass through errors and retries, not one happy path.
    expect(outcomes['completed']).toBeGreaterThan(20);
    expect(outcomes['cancelled']).toBeGreaterThan(5);
    expect(errorsSeen).toBeGreaterThan(50);
  });
});
