import type { AgentRec } from './agent-rec.js';
import type { AgentTable } from './agent-table.js';
import type { WorkgroupIndex } from './workgroup-index.js';

/** Tells a workgroup that an agent may now take something of its waiting (and marks it to route). */
export type TouchAgent = (wg: WorkgroupIndex, agent: AgentRec) => void;

/**
 * Keeps an agent in the right pools of its workgroups after a change of the agent (readiness,
 * licences, activations) or of its room (`AgentTable.room`), and tells the workgroups where it
 * may now take something waiting.
 */
export class AgentPlacement {
  constructor(
    private readonly table: AgentTable,
    private readonly workgroupIndex: (id: string) => WorkgroupIndex,
    private readonly touchAgent: TouchAgent,
  ) {}

  /** Puts the agent in or out of the pools of its workgroups after its readiness, licences, activations or room changed. */
  place(agent: AgentRec): void {
    const room = this.table.room;
    const oldRoom = room[agent.no] as number;
    room[agent.no] = agent.defaultRoom();
    const indexes = this.activeIndexesOf(agent);
    for (let i = 0; i < indexes.length; i++) {
      const wg = indexes[i] as WorkgroupIndex;
      if (wg.place(agent, oldRoom)) this.touchAgent(wg, agent);
    }
  }

  /**
   * After the agent carried or dropped an interaction: only its room changed. Pools that keep full
   * agents stay as they are, and their workgroups are told only when it gained room in a media
   * they pool it for; the others move it between pools (`WorkgroupIndex.place`).
   */
  roomChanged(agent: AgentRec): void {
    const room = this.table.room;
    const oldRoom = room[agent.no] as number;
    const newRoom = agent.defaultRoom();
    room[agent.no] = newRoom;
    const gained = newRoom & ~oldRoom;
    const indexes = this.activeIndexesOf(agent);
    for (let i = 0; i < indexes.length; i++) {
      const wg = indexes[i] as WorkgroupIndex;
      if (!wg.keepsFull) {
        if (wg.place(agent, oldRoom)) this.touchAgent(wg, agent);
      } else if (gained !== 0 && (gained & agent.poolMask(wg)) !== 0) this.touchAgent(wg, agent);
    }
  }

  private activeIndexesOf(agent: AgentRec): WorkgroupIndex[] {
    return (agent.activeIndexes ??= [...agent.active].map((id) => this.workgroupIndex(id)));
  }
}
