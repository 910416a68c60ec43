import { TandemError, type Activation, type Clock, type RightSet, type TandemStore } from '@tandem/core';
import type { DirectoryService } from './directory-service.js';

export interface ActivationView {
  workgroupId: string;
  active: boolean;
  changedAt: number | null;
  changedBy: string | null;
}

/**
 * Workgroup activation: whether a member takes ACD interactions of a workgroup. A member without a
 * stored activation is active (joining a workgroup activates). Changing one's own needs the
 * workgroup queue's `activate-self` action, someone else's `activate-others`.
 */
export class ActivationService {
  private readonly byUser = new Map<string, Map<string, Activation>>();
  private readonly listeners: ((userId: string) => void)[] = [];

  private constructor(
    private readonly store: TandemStore,
    private readonly directory: DirectoryService,
    private readonly clock: Clock,
  ) {}

  static async load(deps: {
    store: TandemStore;
    directory: DirectoryService;
    clock: Clock;
  }): Promise<ActivationService> {
    const service = new ActivationService(deps.store, deps.directory, deps.clock);
    for (const a of await deps.store.activations.loadAll()) service.remember(a);
    return service;
  }

  onChange(listener: (userId: string) => void): void {
    this.listeners.push(listener);
  }

  /** The member workgroups a user is activated in. */
  activeWorkgroups(userId: string): string[] {
    return this.list(userId)
      .filter((a) => a.active)
      .map((a) => a.workgroupId);
  }

  /** Whether the user is a member of the workgroup and activated in it (without building the list). */
  isActiveIn(userId: string, workgroupId: string): boolean {
    const user = this.directory.directory.get('users', userId);
    if (!user?.workgroups.includes(workgroupId)) return false;
    return this.byUser.get(userId)?.get(workgroupId)?.active ?? true;
  }

  list(userId: string): ActivationView[] {
    const user = this.directory.directory.get('users', userId);
    if (!user) return [];
    const stored = this.byUser.get(userId);
    return user.workgroups.map((workgroupId) => {
      const a = stored?.get(workgroupId);
      return {
        workgroupId,
        active: a?.active ?? true,
        changedAt: a?.changedAt ?? null,
        changedBy: a?.changedBy ?? null,
      };
    });
  }

  async set(
    actor: { userId: string; rights: RightSet },
    userId: string,
    changes: { workgroupId: string; active: boolean }[],
  ): Promise<ActivationView[]> {
    const user = this.directory.directory.get('users', userId);
    if (!user) throw new TandemError('NOT_FOUND', `no user '${userId}'`);
    const action = actor.userId === userId ? 'activate-self' : 'activate-others';
    changes.forEach(({ workgroupId }, i) => {
      if (!user.workgroups.includes(workgroupId))
        throw new TandemError(
          'VALIDATION_FAILED',
          `workgroups.${i}.workgroupId: '${userId}' is not a member of '${workgroupId}'`,
          {
            issues: [
              { path: `workgroups.${i}.workgroupId`, message: `'${userId}' is not a member of '${workgroupId}'` },
            ],
          },
        );
      if (!actor.rights.canOnQueue('workgroup', workgroupId, action))
        throw new TandemError(
          'FORBIDDEN',
          `changing activation in '${workgroupId}' needs the ${action} right on its queue`,
        );
    });
    const now = this.clock.now();
    const rows = changes.map((c) => ({
      userId,
      workgroupId: c.workgroupId,
      active: c.active,
      changedAt: now,
      changedBy: actor.userId,
    }));
    await this.store.transaction(async (tx) => {
      for (const row of rows) await tx.activations.put(row);
    });
    for (const row of rows) this.remember(row);
    for (const listener of this.listeners) listener(userId);
    return this.list(userId);
  }

  private remember(a: Activation): void {
    let map = this.byUser.get(a.userId);
    if (!map) this.byUser.set(a.userId, (map = new Map<string, Activation>()));
    map.set(a.workgroupId, a);
  }
}
