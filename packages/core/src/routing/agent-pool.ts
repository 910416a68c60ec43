import type { AgentRec } from './agent-rec.js';

/**
 * One workgroup's agents who could take one more interaction of one media type now, in no order
 * (an agent leaving is replaced by the last one). Besides the records it keeps their numbers in the
 * `AgentTable` in a typed array, so a scan reads numbers in a row and the table, not the records.
 */
export class AgentPool {
  readonly agents: AgentRec[] = [];
  private numbers = new Int32Array(16);

  get length(): number {
    return this.agents.length;
  }

  /** The agents' table numbers, by slot; valid up to `length`. Replaced when the pool grows. */
  get nos(): Int32Array {
    return this.numbers;
  }

  /** Adds the agent; answers its slot. */
  push(agent: AgentRec): number {
    const slot = this.agents.length;
    if (slot === this.numbers.length) {
      const grown = new Int32Array(slot * 2);
      grown.set(this.numbers);
      this.numbers = grown;
    }
    this.agents.push(agent);
    this.numbers[slot] = agent.no;
    return slot;
  }

  /** Removes the agent at the slot; answers the agent moved into it (the last one), if another. */
  removeAt(slot: number): AgentRec | undefined {
    const last = this.agents.pop() as AgentRec;
    const end = this.agents.length;
    if (slot === end) return undefined;
    this.agents[slot] = last;
    this.numbers[slot] = this.numbers[end] as number;
    return last;
  }
}
