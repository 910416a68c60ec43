import type { Clock, TandemStore } from '@tandem/core';
import type { FastifyBaseLogger } from 'fastify';
import type { DirectoryService } from '../../services/directory-service.js';
import type { InteractionService } from '../../services/interaction-service.js';
import type { ProcessServer } from '../process-server.js';
import { recoverAdopted, releaseWorkItem, type AdoptionDeps } from './adoption.js';
import { EngineCluster, type ClusterOptions } from './engine-cluster.js';

/** The engine cluster of this node, over the node's process server (see `EngineCluster`). */
export function wireEngineCluster(deps: {
  processes: ProcessServer;
  store: TandemStore;
  interactions: InteractionService;
  directory: DirectoryService;
  clock: Clock;
  logger: FastifyBaseLogger;
  options?: Partial<ClusterOptions>;
}): EngineCluster {
  const { processes, store, interactions, clock } = deps;
  const adoption: AdoptionDeps = {
    store,
    engine: processes.engine,
    runner: processes.runner,
    workItems: processes.workItems,
    interactions,
    clock,
  };
  const number = (name: string, fallback: number) => {
    const value = deps.directory.directory.parameter(name);
    return typeof value === 'number' ? value : fallback;
  };
  return new EngineCluster({
    store,
    engine: processes.engine,
    clock,
    logger: deps.logger,
    recover: (ids) => recoverAdopted(adoption, ids),
    refreshDefinitions: () => processes.definitions.refresh(),
    beforeRelease: async (instance) => {
      const effect = instance.status === 'waiting' ? instance.pending?.effect : undefined;
      if (effect?.type === 'sendWorkItem') await releaseWorkItem(adoption, effect);
    },
    loadBalanceThreshold: () => number('PAS_LoadBalanceThreshold', 5000),
    handlerResponseTimeout: () => number('PAS_HandlerResponseTimeout', 30),
    ...(deps.options ? { options: deps.options } : {}),
  });
}
