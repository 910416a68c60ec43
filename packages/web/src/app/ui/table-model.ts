/** A column of a `Table`: how a row shows in it and sorts by it. */
export interface ColumnDef<R> {
  id: string;
  title: string;
  /** The value sorted by (numbers sort numerically, strings by locale, undefined last). */
  value: (row: R) => string | number | undefined;
  /** Shown by default when the user has not chosen columns. */
  defaultVisible?: boolean;
}

export interface SortState {
  columnId: string;
  direction: 'asc' | 'desc';
}

/** Which columns show, in which order, and how rows are sorted: what is kept in localStorage. */
export interface TableConfig {
  visible: string[];
  sort?: SortState | undefined;
}

export function defaultConfig<R>(columns: readonly ColumnDef<R>[], sort?: SortState): TableConfig {
  return { visible: columns.filter((c) => c.defaultVisible !== false).map((c) => c.id), sort };
}

function compareValues(a: string | number | undefined, b: string | number | undefined): number {
  if (a === b) return 0;
  if (a === undefined || a === '') return 1;
  if (b === undefined || b === '') return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), undefined, { numeric: true, sensitivity: 'base' });
}

/** A sorted copy of `rows`; stable, empty values last whatever the direction. */
export function sortRows<R>(rows: readonly R[], columns: readonly ColumnDef<R>[], sort: SortState | undefined): R[] {
  const column = sort && columns.find((c) => c.id === sort.columnId);
  if (!sort || !column) return [...rows];
  const sign = sort.direction === 'asc' ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index, value: column.value(row) }))
    .sort((x, y) => {
      const emptyX = x.value === undefined || x.value === '';
      const emptyY = y.value === undefined || y.value === '';
      if (emptyX !== emptyY) return emptyX ? 1 : -1;
      return sign * compareValues(x.value, y.value) || x.index - y.index;
    })
    .map((e) => e.row);
}

/** Clicking a header: sorts ascending by it, then descending, then back to ascending. */
export function toggleSort(sort: SortState | undefined, columnId: string): SortState {
  if (sort?.columnId === columnId) return { columnId, direction: sort.direction === 'asc' ? 'desc' : 'asc' };
  return { columnId, direction: 'asc' };
}

/** Shows or hides a column; at least one column always stays visible. Order follows `columns`. */
export function toggleColumn<R>(config: TableConfig, columns: readonly ColumnDef<R>[], columnId: string): TableConfig {
  const shown = new Set(config.visible);
  if (shown.has(columnId)) {
    if (shown.size === 1) return config;
    shown.delete(columnId);
  } else shown.add(columnId);
  return { ...config, visible: columns.map((c) => c.id).filter((id) => shown.has(id)) };
}

/** The visible column definitions, in order. */
export function visibleColumns<R>(columns: readonly ColumnDef<R>[], config: TableConfig): ColumnDef<R>[] {
  const shown = new Set(config.visible);
  return columns.filter((c) => shown.has(c.id));
}

/**
 * Reads a stored config, keeping only known columns; anything unreadable (old version, hand-edited)
 * gives the default.
 */
export function parseConfig<R>(
  text: string | null,
  columns: readonly ColumnDef<R>[],
  fallback: TableConfig,
): TableConfig {
  if (!text) return fallback;
  try {
    const raw = JSON.parse(text) as { visible?: unknown; sort?: { columnId?: unknown; direction?: unknown } };
    const known = new Set(columns.map((c) => c.id));
    const visible = Array.isArray(raw.visible) ? raw.visible.filter((id): id is string => known.has(id as string)) : [];
    if (visible.length === 0) return fallback;
    const direction = raw.sort?.direction;
    const sort: SortState | undefined =
      raw.sort && known.has(raw.sort.columnId as string) && (direction === 'asc' || direction === 'desc')
        ? { columnId: raw.sort.columnId as string, direction }
        : fallback.sort;
    return { visible: columns.map((c) => c.id).filter((id) => visible.includes(id)), sort };
  } catch {
    return fallback;
  }
}
