import { SYSTEM_ACTOR, type Clock, type Interaction } from '@tandem/core';
import type { DirectoryService } from '../../services/directory-service.js';
import type { InteractionService } from '../../services/interaction-service.js';
import { boolParameter, intParameter, stringParameter } from './channel-parameters.js';
import { TALKING, isWebChat } from './chat-identity.js';

interface IdleState {
  since: number;
  warned: boolean;
  ending: boolean;
}

export interface IdleMonitorDeps {
  interactions: InteractionService;
  directory: DirectoryService;
  clock: Clock;
  /** Writes a system line to the transcript; resolves once committed. */
  say(ix: Interaction, text: string): Promise<unknown>;
  /** Tells the customer the chat ends at `disconnectAt` unless they write. */
  warn(ix: Interaction, disconnectAt: number): void;
}

/**
 * The WebProcessor's idle rules (`EnabledIdleTimeout`, `PartyIdleTime`, `PartyIdleGraceTime`,
 * `IdleWarningMessage`, `IdleDisconnectMessage`): a web chat customer who writes nothing (and does
 * not type) for `PartyIdleTime` seconds while an agent is connected is warned; after
 * `PartyIdleGraceTime` more seconds the chat is disconnected. Time counts only while an agent is
 * connected and not holding the chat; it starts again whenever an agent connects.
 *
 * Kept in memory: after a restart every live chat's idle time starts from the restart.
 * Driven by `tick()`, which follows the injected clock.
 */
export class IdleMonitor {
  private readonly states = new Map<string, IdleState>();
  private readonly endedIdle = new Set<string>();

  constructor(private readonly deps: IdleMonitorDeps) {}

  /** The customer did something: the idle time starts again, and a warning given is withdrawn. */
  touch(chatId: string): void {
    this.reset(chatId);
  }

  /** Starts the idle time again (chat started, agent connected, customer active). */
  reset(chatId: string): IdleState {
    const state: IdleState = { since: this.deps.clock.now(), warned: false, ending: false };
    this.states.set(chatId, state);
    return state;
  }

  forget(chatId: string): void {
    this.states.delete(chatId);
    this.endedIdle.delete(chatId);
  }

  /** Whether the chat was ended by this monitor (the customer is told `idle-timeout`). */
  endedForIdleness(chatId: string): boolean {
    return this.endedIdle.has(chatId);
  }

  async tick(): Promise<void> {
    const { interactions, directory, clock } = this.deps;
    const now = clock.now();
    const enabled = boolParameter(directory.directory, 'EnabledIdleTimeout');
    const idleMs = intParameter(directory.directory, 'PartyIdleTime') * 1000;
    const graceMs = intParameter(directory.directory, 'PartyIdleGraceTime') * 1000;
    const pending: Promise<unknown>[] = [];
    // A chat still talking is never finished: the lingering finished ones need no look.
    for (const ix of interactions.active()) {
      if (!isWebChat(ix) || !TALKING.has(ix.state)) continue;
      const state = this.states.get(ix.id) ?? this.reset(ix.id);
      if (!enabled || state.ending) continue;
      if (now >= state.since + idleMs + graceMs) {
        state.ending = true;
        pending.push(this.disconnect(ix));
      } else if (!state.warned && now >= state.since + idleMs) {
        state.warned = true;
        pending.push(this.warn(ix, state.since + idleMs + graceMs));
      }
    }
    for (const id of [...this.states.keys()]) if (!interactions.has(id)) this.forget(id);
    await Promise.allSettled(pending);
  }

  private async warn(ix: Interaction, disconnectAt: number): Promise<void> {
    await this.deps.say(ix, stringParameter(this.deps.directory.directory, 'IdleWarningMessage'));
    this.deps.warn(ix, disconnectAt);
  }

  private async disconnect(ix: Interaction): Promise<void> {
    this.endedIdle.add(ix.id);
    await this.deps.say(ix, stringParameter(this.deps.directory.directory, 'IdleDisconnectMessage'));
    const current = this.deps.interactions.get(ix.id);
    // The customer may have written, or an agent ended the chat, while the line was committed.
    if (!current || !TALKING.has(current.state) || this.states.get(ix.id)?.ending !== true) {
      this.endedIdle.delete(ix.id);
      return;
    }
    try {
      await this.deps.interactions.command(ix.id, { type: 'disconnect', by: 'local' }, SYSTEM_ACTOR);
    } catch (error) {
      this.endedIdle.delete(ix.id);
      throw error;
    }
  }
}
