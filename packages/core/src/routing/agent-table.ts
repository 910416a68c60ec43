/**
 * What the router's inner loop reads of every agent, in flat typed arrays indexed by agent number:
 * per skill number the proficiency (-1 where the agent lacks the skill) and the points it adds to a
 * score (`skillPoints`), and the time the agent became idle. A scan over a pool then reads one small
 * contiguous table (5,000 agents × 20 skills is 400 KB) instead of following a pointer to each
 * agent's record and another to its skills.
 */
export class AgentTable {
  /** Skill slots per agent; doubled (and the table re-laid) when an agent has a skill past it. */
  private slots = 8;
  /** At `(agent × slots + skill) × 2`: proficiency, then points. */
  private skillCells = new Int16Array(64 * 8 * 2).fill(-1);
  /** By agent number: when the agent became idle (its `idleSince`). */
  idle = new Float64Array(64);
  /**
   * By agent number: the media (bits `1 << media number`) the agent has room for in workgroups
   * with default capacities, 0 when it is not ready. Their pools keep every ready member, full or
   * not, and a scan skips those without the bit, so carrying and dropping do not move agents
   * between pools.
   */
  room = new Uint8Array(64);
  private size = 0;
  private readonly free: number[] = [];

  /** Skill slots per agent: a skill number at or past it is one no agent has. */
  get skillSlots(): number {
    return this.slots;
  }

  /** The skill cells (see the class comment); replaced when the table grows, so read it per scan. */
  get cells(): Int16Array {
    return this.skillCells;
  }

  /** A number for a new agent, with no skills. */
  add(): number {
    const no = this.free.pop() ?? this.size++;
    if (no >= this.idle.length) this.growAgents();
    this.clearSkills(no);
    this.idle[no] = 0;
    this.room[no] = 0;
    return no;
  }

  /** The number is free for another agent. */
  release(no: number): void {
    this.clearSkills(no);
    this.room[no] = 0;
    this.free.push(no);
  }

  /** Sets the agent's skills from packed pairs by skill number (`packSkills`): proficiency, points. */
  setSkills(no: number, packed: readonly number[]): void {
    const needed = packed.length / 2;
    if (needed > this.slots) this.growSlots(needed);
    this.clearSkills(no);
    this.skillCells.set(packed, no * this.slots * 2);
  }

  private clearSkills(no: number): void {
    const start = no * this.slots * 2;
    this.skillCells.fill(-1, start, start + this.slots * 2);
    for (let i = start + 1; i < start + this.slots * 2; i += 2) this.skillCells[i] = 0;
  }

  private growAgents(): void {
    const agents = this.idle.length * 2;
    const idle = new Float64Array(agents);
    idle.set(this.idle);
    this.idle = idle;
    const room = new Uint8Array(agents);
    room.set(this.room);
    this.room = room;
    const cells = new Int16Array(agents * this.slots * 2);
    cells.set(this.skillCells);
    this.skillCells = cells;
  }

  private growSlots(needed: number): void {
    let slots = this.slots;
    while (slots < needed) slots *= 2;
    const agents = this.idle.length;
    const cells = new Int16Array(agents * slots * 2);
    for (let i = 0; i < cells.length; i += 2) [cells[i], cells[i + 1]] = [-1, 0];
    for (let a = 0; a < agents; a++)
      cells.set(this.skillCells.subarray(a * this.slots * 2, (a + 1) * this.slots * 2), a * slots * 2);
    this.slots = slots;
    this.skillCells = cells;
  }
}
