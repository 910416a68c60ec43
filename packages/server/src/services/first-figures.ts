import type { SubscriberChannel } from './ports.js';

interface Owed {
  readonly channel: SubscriberChannel;
  readonly workgroupIds: readonly string[];
  readonly userIds: readonly string[];
}

/** Builds the current figures of a workgroup or an agent, or undefined when there is none by that id. */
export interface FigureBuilder {
  workgroup(workgroupId: string): unknown;
  agent(userId: string): unknown;
}

/**
 * The current figures each new statistics subscription is owed, sent to it alone on a following
 * publishing turn. A new subscriber sees the state at once, and the other subscribers of the same
 * workgroups and agents are not sent it again: a client that resubscribes in a loop costs the
 * server its own figures only, and uses up nobody's once-a-second allowance. A subscription replaced
 * before its turn is owed nothing more (its channel refuses); its replacement is owed its own.
 */
export class FirstFigures {
  private owed: Owed[] = [];
  private head = 0;

  /** A subscription to these workgroups and agents is in place and wants their figures. */
  add(channel: SubscriberChannel, scopes: { workgroupIds: Iterable<string>; userIds: Iterable<string> }): void {
    this.owed.push({ channel, workgroupIds: [...scopes.workgroupIds], userIds: [...scopes.userIds] });
  }

  /** Whether some subscription is still owed its figures. */
  get pending(): boolean {
    return this.head < this.owed.length;
  }

  /**
   * Sends what is owed, oldest subscription first, until all is sent or `budgetMs` of real time has
   * passed (checked after each subscription). Figures are built once per call however many
   * subscriptions want them. Answers how many events were sent.
   */
  send(build: FigureBuilder, budgetMs: number): number {
    const started = performance.now();
    const workgroups = new Map<string, unknown>();
    const agents = new Map<string, unknown>();
    const once = (cache: Map<string, unknown>, id: string, make: (id: string) => unknown) => {
      if (!cache.has(id)) cache.set(id, make(id));
      return cache.get(id);
    };
    let sent = 0;
    while (this.head < this.owed.length) {
      const { channel, workgroupIds, userIds } = this.owed[this.head] as Owed;
      this.head += 1;
      for (const workgroupId of workgroupIds) {
        const figures = once(workgroups, workgroupId, (id) => build.workgroup(id));
        if (figures !== undefined && channel.send('workgroup', figures, { workgroupId })) sent += 1;
      }
      for (const userId of userIds) {
        const figures = once(agents, userId, (id) => build.agent(id));
        if (figures !== undefined && channel.send('agent', figures, { userId })) sent += 1;
      }
      if (performance.now() - started >= budgetMs) break;
    }
    if (this.head === this.owed.length) {
      this.owed = [];
      this.head = 0;
    }
    return sent;
  }
}
