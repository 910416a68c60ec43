import {
  effectiveLicences,
  processAccess,
  type Clock,
  type IdSource,
  type ProcessEvent,
  type ProcessInstance,
  type RightSet,
  type TandemStore,
} from '@tandem/core';
import type { FastifyBaseLogger } from 'fastify';
import type { EventHub } from '../messaging/event-hub.js';
import type { DirectoryService } from '../services/directory-service.js';
import type { InteractionService } from '../services/interaction-service.js';
import { DataSources } from './data-sources.js';
import { DefinitionRegistry } from './definition-registry.js';
import { EffectRunner } from './effect-runner.js';
import { HandlerRegistry } from './handlers.js';
import { summaryOf } from './instance-views.js';
import { ProcessMailSender } from './mail-sender.js';
import { ProcessEngine } from './process-engine.js';
import { processMonitorTopic } from './process-monitor-topic.js';
import { recover, type RecoveryReport } from './recovery.js';
import { WorkItemForms } from './work-item-forms.js';
import { WorkItemService } from './work-item-service.js';

export interface ProcessServerOptions {
  /** This engine node's storage id (`TANDEM_PROCESS_STORAGE_ID`). Default `node-1`. */
  storageId?: string;
  smtpRelayHost: string;
  smtpRelayPort: number;
  /** Sender of Send Email actions. Default `processes@tandem.example`. */
  mailFrom?: string;
  /** Timer and pickup-timeout tick in production (ms). Default 250. */
  tickMs?: number;
  /** Heartbeat of this node in `process_engine_nodes` (ms). Default 5000. */
  heartbeatMs?: number;
}

/** The process engine of one node, wired: definitions, runner, effects, work items, monitor topic. */
export interface ProcessServer {
  definitions: DefinitionRegistry;
  engine: ProcessEngine;
  runner: EffectRunner;
  workItems: WorkItemService;
  forms: WorkItemForms;
  handlers: HandlerRegistry;
  /** What the last restore found and did. */
  lastRecovery: RecoveryReport | undefined;
  /** Settles when the restore started by `restore()` ended (at once before any). */
  ready: Promise<void>;
  /** Restores this node's instances (run once at start, after the interactions are loaded). */
  restore(): Promise<RecoveryReport>;
  /** Fires due timers and pickup timeouts; tests call it after moving the clock. */
  tick(): Promise<void>;
  /** Resolves when no effect is running and every step is committed. */
  settle(): Promise<void>;
  /** Whether a user may view / manage / launch. */
  access(
    userId: string,
    rights: RightSet,
    definitionId: string,
    instance?: { originator: string | null },
  ): ReturnType<typeof processAccess>;
  startTimers(): void;
  close(): Promise<void>;
}

export async function createProcessServer(deps: {
  store: TandemStore;
  directory: DirectoryService;
  interactions: InteractionService;
  hub: EventHub;
  clock: Clock;
  ids: IdSource;
  logger: FastifyBaseLogger;
  options: ProcessServerOptions;
}): Promise<ProcessServer> {
  const { store, directory, interactions, hub, clock, ids, logger, options } = deps;
  const parameter = (name: string) => directory.directory.parameter(name);
  const definitions = await DefinitionRegistry.load({ store, clock });
  // Without notifications (connection refused) the cluster's refresh still takes the changes.
  const unfollow = await definitions
    .follow((error) => logger.warn({ err: error }, 'reloading a process definition failed'))
    .catch((error: unknown) => {
      logger.warn({ err: error }, 'not listening to definition changes; they are read at each cluster look');
      return async () => undefined;
    });
  const engine = new ProcessEngine({
    store,
    definitions,
    clock,
    ids,
    storageId: options.storageId ?? 'node-1',
    limits: () => {
      const depth = parameter('PAS_DepthThreshold');
      return typeof depth === 'number' ? { depthThreshold: depth } : {};
    },
    blockLaunchDuringRestore: () => parameter('PAS_blockLaunchDuringRestore') === true,
  });
  const handlers = new HandlerRegistry();
  const mail = new ProcessMailSender(() => ({
    host: options.smtpRelayHost,
    port: options.smtpRelayPort,
    from: options.mailFrom ?? 'processes@tandem.example',
  }));
  const dataSources = new DataSources(store, (name) => {
    const url = parameter(`PAS_DataSource_${name}`);
    return typeof url === 'string' ? url : undefined;
  });
  const workItems = new WorkItemService({ store, interactions, directory, clock });
  const runner = new EffectRunner({ engine, clock, logger, handlers, mail, dataSources, workItems });
  engine.setDispatcher(runner);
  const forms = new WorkItemForms({ store, interactions, directory, definitions, engine, workItems, clock });

  const licencesOf = (userId: string) => effectiveLicences(directory.directory.get('users', userId)?.licences ?? []);
  const access: ProcessServer['access'] = (userId, rights, definitionId, instance) =>
    processAccess({ rights, userId, definitionId, licences: licencesOf(userId), ...(instance ? { instance } : {}) });
  hub.registerTopic(
    processMonitorTopic(
      (viewer, definitionId, originator) => access(viewer.userId, viewer.rights, definitionId, { originator }).view,
    ),
  );
  engine.onStep((instance, events) => publish(hub, instance, events));

  const timers: NodeJS.Timeout[] = [];
  const tick = async () => {
    await runner.tick();
    await workItems.tick();
  };
  const heartbeat = () =>
    store.processes.heartbeat({ storageId: engine.storageId, startedAt: startedAt, heartbeatAt: clock.now() });
  const startedAt = clock.now();
  const server: ProcessServer = {
    definitions,
    engine,
    runner,
    workItems,
    forms,
    handlers,
    lastRecovery: undefined,
    ready: Promise.resolve(),
    restore() {
      engine.restoring = true;
      const run = (async () => {
        try {
          await heartbeat();
          server.lastRecovery = await recover({ store, engine, runner, workItems, interactions, clock, logger });
          logger.info({ recovery: server.lastRecovery }, 'process engine restored');
          return server.lastRecovery;
        } finally {
          engine.restoring = false;
        }
      })();
      server.ready = run.then(
        () => undefined,
        (error: unknown) => logger.error({ err: error }, 'process engine restore failed'),
      );
      return run;
    },
    tick,
    async settle() {
      await runner.settle();
      await engine.flush();
    },
    access,
    startTimers() {
      const background = (what: string, fn: () => Promise<unknown>) => () =>
        void fn().catch((error: unknown) => logger.error({ err: error }, `${what} failed`));
      timers.push(setInterval(background('process timers', tick), options.tickMs ?? 250).unref());
      timers.push(setInterval(background('process node heartbeat', heartbeat), options.heartbeatMs ?? 5_000).unref());
    },
    async close() {
      for (const t of timers) clearInterval(t);
      await server.ready;
      // Effects still running after a few seconds are left: a restart brings them back (restored in error).
      const bound = new Promise<void>((resolve) => setTimeout(resolve, 5_000).unref());
      await Promise.race([runner.settle().catch(() => undefined), bound]);
      await engine.flush();
      mail.close();
      await dataSources.close();
      await unfollow();
    },
  };
  return server;
}

function publish(hub: EventHub, instance: ProcessInstance, events: ProcessEvent[]): void {
  const scope = { definitionId: instance.definitionId, instanceId: instance.id, originator: instance.originator ?? '' };
  const data = { instance: summaryOf(instance) };
  if (events.some((e) => e.type === 'instance.started'))
    hub.publish('process-monitor', 'instance.started', data, scope);
  const ended = instance.status === 'completed' || instance.status === 'cancelled';
  hub.publish('process-monitor', ended ? 'instance.completed' : 'instance.changed', data, scope);
}
