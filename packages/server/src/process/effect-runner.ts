import {
  TandemError,
  type Clock,
  type ProcessEffect,
  type ProcessInput,
  type StartTimerEffect,
  type SubprocessEndedEffect,
  type WithdrawEffect,
} from '@tandem/core';
import type { FastifyBaseLogger } from 'fastify';
import type { DataSources } from './data-sources.js';
import { settled } from './flow-records.js';
import type { HandlerRegistry } from './handlers.js';
import type { ProcessMailSender } from './mail-sender.js';
import type { EffectDispatcher, ProcessEngine } from './process-engine.js';
import { invokeWebService } from './web-service.js';

/** What runs work items: created on `sendWorkItem`, withdrawn when the instance no longer waits. */
export interface WorkItemPort {
  create(effect: Extract<ProcessEffect, { type: 'sendWorkItem' }>): Promise<void>;
  withdraw(effectId: string): Promise<void>;
}

/**
 * Runs the effects of committed steps and feeds their outcomes back as the next step's input.
 * Timers wait in memory (their due time is in the journal, so a restart re-arms them) and fire
 * on `tick`.
 */
export class EffectRunner implements EffectDispatcher {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly timers = new Map<string, { instanceId: string; fireAt: number }>();

  constructor(
    private readonly deps: {
      engine: ProcessEngine;
      clock: Clock;
      logger: FastifyBaseLogger;
      handlers: HandlerRegistry;
      mail: ProcessMailSender;
      dataSources: DataSources;
      workItems: WorkItemPort;
    },
  ) {}

  dispatch(effect: ProcessEffect): void {
    const running = this.run(effect)
      .catch((error: unknown) =>
        this.deps.logger.error({ err: error, effectId: effect.effectId, type: effect.type }, 'process effect failed'),
      )
      .finally(() => this.inFlight.delete(running));
    this.inFlight.add(running);
  }

  /** Resolves when no effect is running (tests, shutdown). */
  async settle(): Promise<void> {
    for (let i = 0; i < 50 && this.inFlight.size > 0; i++) {
      await Promise.allSettled([...this.inFlight]);
      await this.deps.engine.flush();
    }
  }

  /** Fires the timers that are due. */
  async tick(): Promise<void> {
    const now = this.deps.clock.now();
    const due = [...this.timers].filter(([, t]) => t.fireAt <= now);
    for (const [effectId] of due) this.timers.delete(effectId);
    await Promise.all(due.map(([effectId, t]) => this.feed(t.instanceId, { type: 'timerFired', effectId })));
  }

  pendingTimers(): number {
    return this.timers.size;
  }

  private async run(effect: ProcessEffect): Promise<void> {
    const { handlers, mail, dataSources, workItems } = this.deps;
    switch (effect.type) {
      case 'invokeWebService':
        return this.complete(effect, () => invokeWebService(effect));
      case 'runHandler':
        return this.complete(effect, () => handlers.run(effect));
      case 'sendEmail':
        return this.complete(effect, async () => {
          await this.deps.engine.markSending(effect.effectId, this.deps.clock.now());
          return mail.send(effect);
        });
      case 'databaseQuery':
        return this.complete(effect, () => dataSources.query(effect));
      case 'startTimer':
        return this.arm(effect);
      case 'sendWorkItem':
        return workItems.create(effect).catch((error: unknown) =>
          this.feed(effect.instanceId, {
            type: 'effectFailed',
            effectId: effect.effectId,
            error: { message: reason(error) },
          }),
        );
      case 'launchSubprocess':
        return this.launchChild(effect);
      case 'withdraw':
        return this.withdraw(effect);
      case 'subprocessEnded':
        return this.childEnded(effect);
    }
  }

  private arm(effect: StartTimerEffect): void {
    this.timers.set(effect.effectId, { instanceId: effect.instanceId, fireAt: effect.fireAt });
  }

  private async complete(effect: ProcessEffect, work: () => Promise<Record<string, unknown>>): Promise<void> {
    let input: ProcessInput;
    try {
      input = { type: 'effectCompleted', effectId: effect.effectId, outputs: await work() };
    } catch (error) {
      input = { type: 'effectFailed', effectId: effect.effectId, error: { message: reason(error) } };
    }
    await this.feed(effect.instanceId, input);
  }

  private async launchChild(effect: Extract<ProcessEffect, { type: 'launchSubprocess' }>): Promise<void> {
    const { engine } = this.deps;
    const childId = `${effect.effectId}.sub`;
    const exists = await engine.find(childId).then(
      () => true,
      () => false,
    );
    try {
      if (!exists)
        await engine.launch({
          definitionId: effect.definitionId,
          originator: null,
          inputs: effect.inputs,
          parent: { instanceId: effect.instanceId, effectId: effect.effectId, depth: effect.depth },
        });
    } catch (error) {
      return this.feed(effect.instanceId, {
        type: 'effectFailed',
        effectId: effect.effectId,
        error: { message: reason(error) },
      });
    }
    if (!effect.waitForCompletion)
      await this.feed(effect.instanceId, { type: 'effectCompleted', effectId: effect.effectId, outputs: { childId } });
  }

  private async childEnded(effect: SubprocessEndedEffect): Promise<void> {
    const done = settled(effect, this.deps.engine.storageId, {
      status: 'done',
      result: { delivered: true },
      at: this.deps.clock.now(),
      issuedAt: this.deps.clock.now(),
    });
    const parent = this.deps.engine.liveInstance(effect.parentInstanceId);
    const waiting = parent?.status === 'waiting' && parent.pending?.effect.effectId === effect.parentEffectId;
    if (!waiting) return this.deps.engine.settleJournal([done]);
    const input: ProcessInput =
      effect.status === 'completed'
        ? { type: 'effectCompleted', effectId: effect.parentEffectId, outputs: effect.outputs }
        : { type: 'effectFailed', effectId: effect.parentEffectId, error: { message: 'the subprocess was cancelled' } };
    await this.feed(effect.parentInstanceId, input, [done]);
  }

  private async withdraw(effect: WithdrawEffect): Promise<void> {
    if (effect.withdrawn === 'startTimer') this.timers.delete(effect.effectId);
    if (effect.withdrawn === 'sendWorkItem') await this.deps.workItems.withdraw(effect.effectId);
    if (effect.withdrawn === 'launchSubprocess') {
      const child = this.deps.engine.liveInstance(`${effect.effectId}.sub`);
      if (child) await this.feed(child.id, { type: 'cancel', reason: 'the parent process was cancelled' });
    }
    const at = this.deps.clock.now();
    await this.deps.engine.settleJournal([
      settled(effect, this.deps.engine.storageId, { status: 'done', result: { withdrawn: true }, at, issuedAt: at }),
    ]);
  }

  /** Feeds an outcome; one that no longer fits (cancelled meanwhile, moved to another node) is dropped. */
  async feed(instanceId: string, input: ProcessInput, also: Parameters<ProcessEngine['input']>[2] = []): Promise<void> {
    try {
      await this.deps.engine.input(instanceId, input, also);
    } catch (error) {
      if (error instanceof TandemError && error.code === 'ACTION_NOT_ALLOWED')
        this.deps.logger.info({ instanceId, input: input.type, reason: error.message }, 'process outcome not applied');
      else throw error;
    }
  }
}

function reason(error: unknown): string {
  if (error instanceof Error) return error.name === 'TimeoutError' ? 'timed out' : error.message;
  return String(error);
}
