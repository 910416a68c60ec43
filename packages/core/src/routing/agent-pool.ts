import type { AgentRec } from './agent-rec.js';
import type { AgentTable } from './agent-table.js';

/**
 * One workgroup's agents who may take one more interaction of one media type, in no order (an
 * agent leaving is replaced by the last one). Besides the records it keeps their numbers in the
 * `AgentTable` in a typed array, and a copy of their skill cells laid out by skill, then by place
 * in the pool: a scan for an interaction that needs one or two skills then reads a few short runs
 * of memory instead of one table row per agent, scattered over the whole table.
 *
 * The copy is made when an agent joins; an agent's row in the table changes only while it is in no
 * pool (the router takes it out of its pools before it reconfigures it), or when the table is laid
 * out again for more skills, which `cellsFor` notices.
 */
export class AgentPool {
  readonly agents: AgentRec[] = [];
  private numbers = new Int32Array(16);
  /** The table's skill slots when the copy was laid out. */
  private slots = 0;
  /** At `(skill × capacity + place) × 2`: the proficiency, then the points (as `AgentTable.cells`). */
  private cells = new Int16Array(0);

  constructor(private readonly table: AgentTable) {}

  get length(): number {
    return this.agents.length;
  }

  /** The agents' table numbers, by slot; valid up to `length`. Replaced when the pool grows. */
  get nos(): Int32Array {
    return this.numbers;
  }

  /** Distance between the cells of one place for two consecutive skills (see `cells`). */
  get skillStride(): number {
    return this.numbers.length * 2;
  }

  get skillSlots(): number {
    return this.slots;
  }

  /** The copy of the skill cells, laid out again first if the table now has more skill slots. */
  skillCells(): Int16Array {
    if (this.slots !== this.table.skillSlots) this.layOut();
    return this.cells;
  }

  /** Adds the agent; answers its slot. */
  push(agent: AgentRec): number {
    const slot = this.agents.length;
    if (slot === this.numbers.length) {
      const grown = new Int32Array(slot * 2);
      grown.set(this.numbers);
      this.numbers = grown;
      this.slots = 0;
    }
    this.agents.push(agent);
    this.numbers[slot] = agent.no;
    if (this.slots === this.table.skillSlots) this.copyRow(slot);
    return slot;
  }

  /** Removes the agent at the slot; answers the agent moved into it (the last one), if another. */
  removeAt(slot: number): AgentRec | undefined {
    const last = this.agents.pop() as AgentRec;
    const end = this.agents.length;
    if (slot === end) return undefined;
    this.agents[slot] = last;
    this.numbers[slot] = this.numbers[end] as number;
    const stride = this.skillStride;
    for (let at = 0; at < this.slots * stride; at += stride) {
      this.cells[at + 2 * slot] = this.cells[at + 2 * end] as number;
      this.cells[at + 2 * slot + 1] = this.cells[at + 2 * end + 1] as number;
    }
    return last;
  }

  private layOut(): void {
    this.slots = this.table.skillSlots;
    this.cells = new Int16Array(this.slots * this.skillStride);
    for (let slot = 0; slot < this.agents.length; slot++) this.copyRow(slot);
  }

  /** Copies the table row of the agent at `slot` into the columns. */
  private copyRow(slot: number): void {
    const source = this.table.cells;
    const row = (this.numbers[slot] as number) * this.slots * 2;
    const stride = this.skillStride;
    for (let skill = 0; skill < this.slots; skill++) {
      this.cells[skill * stride + 2 * slot] = source[row + 2 * skill] as number;
      this.cells[skill * stride + 2 * slot + 1] = source[row + 2 * skill + 1] as number;
    }
  }
}
