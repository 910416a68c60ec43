import type { Clock } from '@tandem/core';
import type { FastifyInstance } from 'fastify';
import type { DirectoryService } from '../../services/directory-service.js';
import type { InteractionService } from '../../services/interaction-service.js';
import { callbackRoutes } from './callback-routes.js';
import { CallbackService } from './callback-service.js';

export {
  CALLBACK_ATTRIBUTES,
  CALLBACK_OUTCOMES,
  CallbackService,
  type CallbackOutcome,
  type CallbackRequest,
} from './callback-service.js';

export interface CallbacksDeps {
  interactions: InteractionService;
  directory: DirectoryService;
  clock: Clock;
}

/** The registered callback channel: its service and the timer that wakes snoozed callbacks. */
export interface CallbackChannel {
  callbacks: CallbackService;
  /** Requeues the snoozed callbacks that are due at the clock's time; tests call it after moving the clock. */
  tick(): Promise<number>;
  /** Production: `tick()` every `everyMs` (default 1 s), stopped when the app closes. */
  startTimers(everyMs?: number): void;
  stopTimers(): void;
}

/**
 * Registers callback requests on `app` (before it is ready): `POST /api/v1/webchat/callbacks` for
 * website visitors and `POST /api/v1/interactions/:id/callback-outcome` for agents.
 */
export async function registerCallbacks(app: FastifyInstance, deps: CallbacksDeps): Promise<CallbackChannel> {
  const callbacks = new CallbackService(deps);
  await app.register(callbackRoutes({ callbacks, interactions: deps.interactions }));
  let timer: NodeJS.Timeout | undefined;
  const channel: CallbackChannel = {
    callbacks,
    tick: () => callbacks.tick(),
    startTimers(everyMs = 1000) {
      clearInterval(timer);
      timer = setInterval(() => {
        callbacks.tick().catch((error: unknown) => app.log.error({ err: error }, 'callback tick failed'));
      }, everyMs).unref();
    },
    stopTimers() {
      clearInterval(timer);
      timer = undefined;
    },
  };
  app.addHook('onClose', async () => channel.stopTimers());
  return channel;
}
