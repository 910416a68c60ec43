import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import websocket from '@fastify/websocket';
import type { Clock, IdSource, TandemStore } from '@tandem/core';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { ServerConfig } from './config.js';
import { registerCallbacks, type CallbackChannel } from './channels/callbacks/index.js';
import { registerEmailChannel, type EmailChannel } from './channels/email/email-channel.js';
import { registerChatChannel, type ChatChannel } from './channels/webchat/index.js';
import { installAuth, resolveAuth } from './http/auth.js';
import { installErrorHandlers, routerError } from './http/error-handler.js';
import { installTextGuard } from './http/text-guard.js';
import { staticWeb } from './http/static-web.js';
import { staticWidget } from './http/static-widget.js';
import { installWebChatCors } from './http/webchat-cors.js';
import { EventHub } from './messaging/event-hub.js';
import { goingAwayPreClose, registerMessaging } from './messaging/messaging-routes.js';
import { interactionTopic, queueTopic } from './messaging/topics/queue-topic.js';
import { statisticsTopic } from './messaging/topics/statistics-topic.js';
import { userStatusTopic } from './messaging/topics/user-status-topic.js';
import { Metrics } from './operations/metrics.js';
import { configRoutes } from './routes/config-routes.js';
import { interactionRoutes, mayView } from './routes/interaction-routes.js';
import { connectionRoutes } from './routes/connection-routes.js';
import { consultRoutes } from './routes/consult-routes.js';
import { wrapUpCodeRoutes } from './routes/wrap-up-code-routes.js';
import { operationsRoutes } from './routes/operations-routes.js';
import { responseRoutes } from './routes/response-routes.js';
import { statisticsRoutes } from './routes/statistics-routes.js';
import { directoryRoutes } from './routes/directory-routes.js';
import { statusRoutes } from './routes/status-routes.js';
import { widgetRoutes } from './routes/widget-routes.js';
import { demoCreditScoreRoutes } from './routes/demo-credit-score-routes.js';
import { AcdRouter } from './services/acd-router.js';
import { ActivationService } from './services/activation-service.js';
import { DirectoryService } from './services/directory-service.js';
import { InteractionService } from './services/interaction-service.js';
import { argon2Hasher, type PasswordHasher } from './services/password-hasher.js';
import { PresenceService } from './services/presence-service.js';
import { SessionService } from './services/session-service.js';
import { StatisticsService } from './services/statistics-service.js';
import { randomIds, systemClock } from './util/system-ports.js';
import { createProcessServer, type ProcessServer } from './process/process-server.js';
import type { EngineCluster } from './process/cluster/engine-cluster.js';
import { wireEngineCluster } from './process/cluster/wire-cluster.js';
import { processInstanceRoutes } from './routes/process-instance-routes.js';
import { processRoutes } from './routes/process-routes.js';
import { processWorkItemRoutes } from './routes/process-workitem-routes.js';

export interface ServerDeps {
  config: ServerConfig;
  store: TandemStore;
  clock?: Clock;
  ids?: IdSource;
  hasher?: PasswordHasher;
  /** False for tests that wire the email channel themselves (to inject faults). Default true. */
  email?: boolean;
}

/** A wired Tandem server, not yet listening (`main.ts` alone calls `listen`). */
export interface Tandem {
  app: FastifyInstance;
  hub: EventHub;
  directory: DirectoryService;
  presence: PresenceService;
  sessions: SessionService;
  activations: ActivationService;
  interactions: InteractionService;
  router: AcdRouter;
  statistics: StatisticsService;
  webChat: ChatChannel;
  callbacks: CallbackChannel;
  /** Undefined only when `deps.email` was false. SMTP listens once `email.listen()` is called. */
  email: EmailChannel | undefined;
  metrics: Metrics;
  /** The process engine of this node (definitions, instances, work items); restores in the background at start. */
  processes: ProcessServer;
  /** This engine node among the others on the database: heartbeat, adoption, moves, load balance. */
  cluster: EngineCluster;
  /** Starts the periodic work: session timeouts and batched activity writes. */
  startTimers(): void;
  close(): Promise<void>;
}

/** Request bodies above this are refused with 413 before parsing. */
const BODY_LIMIT = 1024 * 1024;
/** Longest path parameter the router matches, as sent (percent-encoded). */
const MAX_PARAM_LENGTH = 1024;

/** Wires the server by hand: store → services → routes. Rebuilds all memory from the store. */
export async function createServer(deps: ServerDeps): Promise<Tandem> {
  const { config, store } = deps;
  const clock = deps.clock ?? systemClock;
  const ids = deps.ids ?? randomIds;
  const hasher = deps.hasher ?? argon2Hasher;

  // Seqs start from the clock so that after a restart a client's old `since` is told to resync
  // instead of replaying unrelated events under reused numbers.
  const hub = new EventHub({ initialSeq: clock.now() * 1000 });
  hub.registerTopic(userStatusTopic);
  const directory = await DirectoryService.load({ store, clock, hasher });
  const presence = await PresenceService.load({ store, directory, clock, events: hub });
  const sessions = new SessionService({ store, directory, presence, clock, ids, hasher, streams: hub });
  await sessions.load();
  const activations = await ActivationService.load({ store, directory, clock });
  const interactions = await InteractionService.load({ store, directory, clock, events: hub });
  const statistics = await StatisticsService.load({
    store,
    directory,
    presence,
    activations,
    interactions,
    clock,
    events: hub,
  });
  hub.registerTopic(statisticsTopic(statistics));
  hub.registerTopic(queueTopic);
  hub.registerTopic(
    interactionTopic((subscriber, id) => {
      const ix = interactions.get(id);
      return ix !== undefined && mayView(ix, subscriber.userId, sessions.rightsOf(subscriber.userId));
    }),
  );

  let openStreams = 0;
  const metrics = new Metrics({
    sessions: () => sessions.activeCount,
    streams: () => openStreams,
    licencesInUse: () => ({ 'client-access': sessions.licencesInUse('client-access') }),
  });

  const app = Fastify({
    logger: {
      level: config.logLevel,
      redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]'],
    },
    bodyLimit: BODY_LIMIT,
    // Ids are up to 128 characters, three times that percent-encoded; Fastify's default of 100 made
    // longer ones unreachable. Beyond this the router refuses the path (see `routerError`).
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    frameworkErrors: routerError,
    // Request lines only when debugging: at info level the log holds what happened, not every GET.
    logController: new LogController({
      disableRequestLogging: config.logLevel !== 'debug' && config.logLevel !== 'trace',
    }),
    genReqId: () => ids.newId('req'),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandlers(app);
  installTextGuard(app);
  installWebChatCors(app);
  await app.register(cookie);
  // A subscribe with a 5,000-user filter is ~75 KB: allow 1 MiB per message.
  await app.register(websocket, { options: { maxPayload: 1024 * 1024 }, preClose: goingAwayPreClose() });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Tandem API', version: config.version, description: 'Contact center REST API, contract v1' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/v1/docs' });
  installAuth(app, sessions);
  metrics.install(app);

  await app.register(operationsRoutes({ store, metrics, version: config.version, role: () => 'primary' }));
  await app.register(connectionRoutes({ sessions, directory, secureCookies: config.secureCookies }));
  await app.register(configRoutes({ directory, presence, sessions }));
  await app.register(statusRoutes({ directory, presence, currentSeq: () => hub.currentSeq() }));
  await app.register(responseRoutes({ directory, clock, ids }));
  await app.register(
    interactionRoutes({
      interactions,
      activations,
      directory,
      currentSeq: () => hub.currentSeq(),
      stationInUse: (id) => sessions.stationInUse(id),
    }),
  );
  await app.register(consultRoutes({ interactions, directory }));
  await app.register(wrapUpCodeRoutes({ interactions, directory }));
  await app.register(statisticsRoutes({ statistics }));
  await app.register(directoryRoutes({ directory }));
  await app.register(widgetRoutes({ directory }));
  await app.register(demoCreditScoreRoutes());
  const processes = await createProcessServer({
    store,
    directory,
    interactions,
    hub,
    clock,
    ids,
    logger: app.log,
    options: {
      storageId: (config as { storageId?: string | undefined }).storageId ?? 'node-1',
      smtpRelayHost: config.smtpRelayHost,
      smtpRelayPort: config.smtpRelayPort,
    },
  });
  const cluster = wireEngineCluster({ processes, store, interactions, directory, clock, logger: app.log });
  await app.register(processRoutes({ processes, directory }));
  await app.register(processInstanceRoutes({ processes, directory, store }));
  await app.register(processWorkItemRoutes({ processes, interactions }));
  await app.register(staticWidget());
  // Last: the agent client answers the GETs no other route matches (not /api, /metrics, /widget, /demo).
  await app.register(staticWeb());
  const webChat = await registerChatChannel(app, { interactions, directory, hub, store, clock, ids });
  const callbacks = await registerCallbacks(app, { interactions, directory, clock });
  const email =
    deps.email === false
      ? undefined
      : await registerEmailChannel(app, {
          interactions,
          directory,
          attachments: store.attachments,
          closedInteractions: store.interactions,
          clock,
          ids,
          logger: app.log,
          options: {
            smtp: { port: config.smtpPort, host: config.smtpHost },
            relay: { host: config.smtpRelayHost, port: config.smtpRelayPort },
          },
        });
  registerMessaging(app, {
    hub,
    // The messaging route authenticates itself (cookie or ?token=), once.
    routeConfig: { auth: 'none' },
    authenticate: async (request) => {
      const auth = await resolveAuth(sessions, request);
      if (!auth || auth.active.passwordChangeRequired) return undefined;
      return { sessionId: auth.active.session.id, userId: auth.userId, rights: auth.rights };
    },
    onOpen: (subscriber) => {
      openStreams += 1;
      const active = sessions.byIdOf(subscriber.sessionId);
      if (active) active.openStreams += 1;
    },
    onActivity: (subscriber) => {
      const active = sessions.byIdOf(subscriber.sessionId);
      if (active) sessions.touch(active);
    },
    onClose: (subscriber) => {
      openStreams -= 1;
      const active = sessions.byIdOf(subscriber.sessionId);
      if (active) {
        active.openStreams = Math.max(0, active.openStreams - 1);
        sessions.touch(active);
      }
    },
  });

  const router = new AcdRouter({ interactions, directory, presence, activations, clock, logger: app.log });
  router.start();
  // Restore of the process engine runs while the server starts serving (PAS_blockLaunchDuringRestore).
  processes.restore().catch(() => undefined);

  const timers: NodeJS.Timeout[] = [];
  const background = (what: string, fn: () => Promise<unknown>) => () =>
    void fn().catch((error: unknown) => app.log.error({ err: error }, `${what} failed`));
  return {
    app,
    hub,
    directory,
    presence,
    sessions,
    activations,
    interactions,
    router,
    statistics,
    webChat,
    callbacks,
    email,
    metrics,
    processes,
    cluster,
    startTimers() {
      timers.push(
        setInterval(
          background('session sweep', () => sessions.sweep()),
          15_000,
        ).unref(),
      );
      timers.push(
        setInterval(
          background('activity flush', () => sessions.flushActivity()),
          5_000,
        ).unref(),
      );
      router.startTimers();
      statistics.startTimers();
      webChat.startTimers();
      callbacks.startTimers();
      email?.startTimers();
      processes.startTimers();
      cluster.startTimers();
    },
    async close() {
      for (const t of timers) clearInterval(t);
      router.stopTimers();
      statistics.stopTimers();
      webChat.stopTimers();
      callbacks.stopTimers();
      await email?.close();
      await app.close();
      await processes.close();
      // Last: once this node's steps are committed, the others may adopt its instances.
      await cluster.leave();
      // Commits still queued (routing decisions, interaction changes) land before the store closes.
      await router.settle();
      await sessions.flushActivity();
    },
  };
}
