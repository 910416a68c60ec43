import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import {
  defaultConfig,
  parseConfig,
  sortRows,
  toggleColumn,
  toggleSort,
  visibleColumns,
  type ColumnDef,
  type SortState,
  type TableConfig,
} from './table-model.js';

export interface TableColumn<R> extends ColumnDef<R> {
  render?: (row: R) => ReactNode;
}

export interface TableProps<R> {
  label: string;
  columns: readonly TableColumn<R>[];
  rows: readonly R[];
  rowKey: (row: R) => string;
  /** Column choice and sort are kept in localStorage under this key. */
  storageKey?: string;
  defaultSort?: SortState;
  selectedKey?: string | undefined;
  onSelect?: (row: R) => void;
  /** Enter or double click. */
  onActivate?: (row: R) => void;
  rowClassName?: (row: R) => string;
  empty?: ReactNode;
  testId?: string;
  rowTestId?: (row: R) => string;
  /** Extra class on the table (e.g. a fixed layout with ellipsis). */
  className?: string;
}

function loadConfig<R>(key: string | undefined, columns: readonly ColumnDef<R>[], fallback: TableConfig): TableConfig {
  if (!key) return fallback;
  try {
    return parseConfig(localStorage.getItem(key), columns, fallback);
  } catch {
    return fallback;
  }
}

/** A table with sortable headers, a column chooser and keyboard row selection (arrows, Enter). */
export function Table<R>(props: TableProps<R>) {
  const { columns, rows, rowKey, storageKey, selectedKey } = props;
  const fallback = useMemo(() => defaultConfig(columns, props.defaultSort), [columns, props.defaultSort]);
  const [config, setConfig] = useState(() => loadConfig(storageKey, columns, fallback));
  const [choosing, setChoosing] = useState(false);
  const body = useRef<HTMLTableSectionElement>(null);

  useEffect(() => {
    if (storageKey) localStorage.setItem(storageKey, JSON.stringify(config));
  }, [storageKey, config]);

  const shown = visibleColumns(columns, config) as TableColumn<R>[];
  const sorted = useMemo(() => sortRows(rows, columns, config.sort), [rows, columns, config.sort]);

  const onKey = (event: KeyboardEvent<HTMLTableSectionElement>) => {
    const index = sorted.findIndex((r) => rowKey(r) === selectedKey);
    const move = event.key === 'ArrowDown' ? 1 : event.key === 'ArrowUp' ? -1 : 0;
    if (move !== 0) {
      event.preventDefault();
      const next = sorted[Math.min(sorted.length - 1, Math.max(0, index + move))];
      if (next) {
        props.onSelect?.(next);
        body.current?.querySelector<HTMLElement>(`[data-key="${CSS.escape(rowKey(next))}"]`)?.focus();
      }
    } else if (event.key === 'Enter' && index >= 0) {
      props.onActivate?.(sorted[index] as R);
    }
  };

  return (
    <div className="table-wrap">
      <div className="table-tools">
        <button
          type="button"
          className="btn btn-ghost btn-sm"
          aria-expanded={choosing}
          aria-label={`Choose columns of ${props.label}`}
          onClick={() => setChoosing((c) => !c)}
        >
          Columns
        </button>
        {choosing ? (
          <fieldset className="column-chooser card">
            <legend>Columns</legend>
            {columns.map((c) => (
              <label key={c.id} className="row">
                <input
                  type="checkbox"
                  checked={config.visible.includes(c.id)}
                  onChange={() => setConfig((cfg) => toggleColumn(cfg, columns, c.id))}
                />
                {c.title}
              </label>
            ))}
          </fieldset>
        ) : null}
      </div>
      <table
        role="grid"
        className={`table ${props.className ?? ''}`}
        aria-label={props.label}
        data-testid={props.testId}
      >
        <thead>
          <tr>
            {shown.map((c) => {
              const sort = config.sort?.columnId === c.id ? config.sort.direction : undefined;
              return (
                <th
                  key={c.id}
                  data-column={c.id}
                  aria-sort={sort === 'asc' ? 'ascending' : sort === 'desc' ? 'descending' : 'none'}
                >
                  <button
                    type="button"
                    className="th-sort"
                    onClick={() => setConfig((cfg) => ({ ...cfg, sort: toggleSort(cfg.sort, c.id) }))}
                  >
                    {c.title}
                    <span aria-hidden="true">{sort === 'asc' ? ' ▲' : sort === 'desc' ? ' ▼' : ''}</span>
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody ref={body} onKeyDown={onKey}>
          {sorted.map((row) => {
            const key = rowKey(row);
            const selected = key === selectedKey;
            return (
              <tr
                key={key}
                data-key={key}
                data-testid={props.rowTestId?.(row)}
                tabIndex={selected || (!selectedKey && row === sorted[0]) ? 0 : -1}
                aria-selected={selected}
                className={[selected ? 'selected' : '', props.rowClassName?.(row) ?? ''].join(' ')}
                onClick={() => props.onSelect?.(row)}
                onDoubleClick={() => props.onActivate?.(row)}
                onFocus={() => !selected && props.onSelect?.(row)}
              >
                {shown.map((c) => (
                  <td key={c.id} data-label={c.title}>
                    {c.render ? c.render(row) : (c.value(row) ?? '')}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
      {sorted.length === 0 ? <div className="table-empty muted">{props.empty ?? 'Nothing here.'}</div> : null}
    </div>
  );
}
