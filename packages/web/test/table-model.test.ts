import { describe, expect, it } from 'vitest';
import {
  defaultConfig,
  parseConfig,
  sortRows,
  toggleColumn,
  toggleSort,
  visibleColumns,
  type ColumnDef,
} from '../src/app/ui/table-model.js';

interface Row {
  name: string;
  waited?: number;
}
const columns: ColumnDef<Row>[] = [
  { id: 'name', title: 'Name', value: (r) => r.name },
  { id: 'waited', title: 'Waited', value: (r) => r.waited },
  { id: 'hidden', title: 'Hidden', value: () => 'x', defaultVisible: false },
];
const rows: Row[] = [{ name: 'item 10', waited: 5 }, { name: 'Item 9' }, { name: 'item 2', waited: 30 }];

describe('table columns and sorting', () => {
  it('sorts names naturally and case-insensitively, both ways', () => {
    const asc = sortRows(rows, columns, { columnId: 'name', direction: 'asc' }).map((r) => r.name);
    expect(asc).toEqual(['item 2', 'Item 9', 'item 10']);
    const desc = sortRows(rows, columns, { columnId: 'name', direction: 'desc' }).map((r) => r.name);
    expect(desc).toEqual(['item 10', 'Item 9', 'item 2']);
  });

  it('sorts numbers as numbers and keeps empty values last in either direction', () => {
    expect(sortRows(rows, columns, { columnId: 'waited', direction: 'asc' }).map((r) => r.waited)).toEqual([
      5,
      30,
      undefined,
    ]);
    expect(sortRows(rows, columns, { columnId: 'waited', direction: 'desc' }).map((r) => r.waited)).toEqual([
      30,
      5,
      undefined,
    ]);
  });

  it('leaves the order alone without a sort or with an unknown column', () => {
    expect(sortRows(rows, columns, undefined)).toEqual(rows);
    expect(sortRows(rows, columns, { columnId: 'gone', direction: 'asc' })).toEqual(rows);
  });

  it('toggles a header from ascending to descending, and starts ascending on another column', () => {
    const first = toggleSort(undefined, 'name');
    expect(first).toEqual({ columnId: 'name', direction: 'asc' });
    expect(toggleSort(first, 'name')).toEqual({ columnId: 'name', direction: 'desc' });
    expect(toggleSort({ columnId: 'name', direction: 'desc' }, 'waited')).toEqual({
      columnId: 'waited',
      direction: 'asc',
    });
  });

  it('shows the default columns, keeps column order when one is added, and never hides the last one', () => {
    const config = defaultConfig(columns);
    expect(config.visible).toEqual(['name', 'waited']);
    const withHidden = toggleColumn(config, columns, 'hidden');
    expect(visibleColumns(columns, withHidden).map((c) => c.id)).toEqual(['name', 'waited', 'hidden']);
    const onlyName = toggleColumn(toggleColumn(config, columns, 'waited'), columns, 'name');
    expect(onlyName.visible).toEqual(['name']);
  });

  it('reads a stored choice, dropping unknown columns, and falls back on anything unreadable', () => {
    const fallback = defaultConfig(columns);
    const stored = JSON.stringify({ visible: ['waited', 'gone'], sort: { columnId: 'waited', direction: 'desc' } });
    expect(parseConfig(stored, columns, fallback)).toEqual({
      visible: ['waited'],
      sort: { columnId: 'waited', direction: 'desc' },
    });
    expect(parseConfig('{not json', columns, fallback)).toBe(fallback);
    expect(parseConfig(JSON.stringify({ visible: ['gone'] }), columns, fallback)).toBe(fallback);
    expect(parseConfig(null, columns, fallback)).toBe(fallback);
    const badSort = JSON.stringify({ visible: ['name'], sort: { columnId: 'name', direction: 'sideways' } });
    expect(parseConfig(badSort, columns, fallback).sort).toBeUndefined();
  });
});
