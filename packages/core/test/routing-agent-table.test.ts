import { describe, expect, it } from 'vitest';
import { AgentTable } from '../src/routing/agent-table.js';
import { packSkills } from '../src/routing/skills.js';

/** Proficiency and points of skill `n` of agent `no`, as the router's scan reads them. */
function cell(table: AgentTable, no: number, n: number): [number, number] {
  if (n >= table.skillSlots) return [-1, 0];
  const at = (no * table.skillSlots + n) * 2;
  return [table.cells[at] as number, table.cells[at + 1] as number];
}

describe('the router agent table', () => {
  it('keeps every agent row when it grows past its agents and its skill slots', () => {
    const table = new AgentTable();
    const skillsOf = (a: number) => {
      const proficiency: number[] = [];
      const desire: number[] = [];
      proficiency[a % 5] = 10 + a;
      desire[a % 5] = 1;
      if (a % 3 === 0 && a >= 100) [proficiency[40], desire[40]] = [99, 50];
      return packSkills(proficiency, desire);
    };
    const nos: number[] = [];
    for (let a = 0; a < 200; a++) {
      const no = table.add();
      table.setSkills(no, skillsOf(a));
      table.idle[no] = a;
      nos.push(no);
    }
    expect(table.skillSlots).toBeGreaterThan(40);
    for (let a = 0; a < 200; a++) {
      const no = nos[a] as number;
      expect(cell(table, no, a % 5)).toEqual([10 + a, 3 * (10 + a) + 1]);
      expect(cell(table, no, 40)).toEqual(a % 3 === 0 && a >= 100 ? [99, 3 * 99 + 50] : [-1, 0]);
      expect(cell(table, no, (a + 1) % 5)).toEqual([-1, 0]);
      expect(table.idle[no]).toBe(a);
    }
  });

  it('gives a released number back without the skills of its last agent', () => {
    const table = new AgentTable();
    const no = table.add();
    table.setSkills(no, packSkills([50], [10]));
    table.release(no);
    const again = table.add();
    expect(again).toBe(no);
    expect(cell(table, again, 0)).toEqual([-1, 0]);
  });
});
