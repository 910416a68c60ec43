import { listUserStatuses, type UserStatusView } from '@tandem/client';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { SnapshotBuffer } from '../../app/snapshot-buffer.js';
import { useSession } from '../../app/session-context.js';
import { useTopic } from '../../app/use-topic.js';
import { ErrorNote } from '../../app/ui/error-note.js';
import { formatDuration } from '../../app/ui/format.js';
import { Table, type TableColumn } from '../../app/ui/table.js';
import { useNow } from '../../app/use-now.js';
import {
  applyStatus,
  filterDirectory,
  NO_FILTER,
  toneOf,
  type DirectoryEntry,
  type StatusFlags,
} from './directory-model.js';
import { useUsers, useWorkgroups } from './use-directory.js';
import './directory.css';
import '../../app/ui/page.css';

/** Rows rendered at once: a directory of thousands stays quick; typing narrows it. */
const SHOWN_AT_ONCE = 300;

function useStatusFlags(): Map<string, StatusFlags> {
  const { client } = useSession();
  const [flags, setFlags] = useState(new Map<string, StatusFlags>());
  useEffect(() => {
    client
      .request<{ items: StatusFlags[] }>('GET', '/api/v1/status/status-messages')
      .then((r) => setFlags(new Map(r.items.map((s) => [s.id, s]))))
      .catch(() => undefined);
  }, [client]);
  return flags;
}

/** Everyone's statuses, kept live by `user-status` events (no filter: the whole company). */
function useStatuses(): Map<string, UserStatusView> {
  const { client } = useSession();
  const [statuses, setStatuses] = useState(new Map<string, UserStatusView>());
  // A status change that happens while the list loads is held and applied only if newer than it.
  const buffer = useMemo(
    () => new SnapshotBuffer<Map<string, UserStatusView>>((s, event) => applyStatus(s, event.data as UserStatusView)),
    [],
  );
  const load = useCallback(() => {
    buffer.reset();
    listUserStatuses(client)
      .then(({ items, seq }) => setStatuses(buffer.snapshot(new Map(items.map((s) => [s.userId, s])), seq)))
      .catch(() => undefined);
  }, [client, buffer]);
  useEffect(load, [load]);
  useTopic(
    'user-status',
    {},
    (event) => {
      const next = buffer.event(event);
      if (next) setStatuses(next);
    },
    { onResync: load },
  );
  return statuses;
}

/** The company directory: everyone, with live status, searchable and narrowed by workgroup. */
export default function DirectoryView() {
  const users = useUsers();
  const workgroups = useWorkgroups();
  const statuses = useStatuses();
  const flags = useStatusFlags();
  const [filter, setFilter] = useState(NO_FILTER);
  const [selected, setSelected] = useState<string>();
  const now = useNow(5000); // one clock for every row's time in status

  const entries = useMemo(
    () => (users.data ?? []).map((user) => ({ user, status: statuses.get(user.id) })),
    [users.data, statuses],
  );
  const rows = useMemo(() => filterDirectory(entries, filter), [entries, filter]);
  const [cap, setCap] = useState(SHOWN_AT_ONCE);
  const shown = useMemo(() => rows.slice(0, cap), [rows, cap]);
  const columns = useMemo<TableColumn<DirectoryEntry>[]>(
    () => [
      {
        id: 'name',
        title: 'Name',
        value: (e) => e.user.displayName,
        render: (e) => (
          <span className="row directory-name">
            <span className={`presence presence-${toneOf(e.status, flags)}`} aria-hidden="true" />
            {e.user.displayName}
          </span>
        ),
      },
      {
        id: 'status',
        title: 'Status',
        value: (e) => (e.status?.loggedOn ? e.status.statusText : `${e.status?.statusText ?? ''} (logged off)`),
      },
      {
        id: 'since',
        title: 'Time in status',
        value: (e) => -(e.status?.changedAt ?? 0),
        render: (e) => (e.status ? <span className="tabular">{formatDuration(now - e.status.changedAt)}</span> : null),
      },
      { id: 'notes', title: 'Notes', value: (e) => (typeof e.status?.notes === 'string' ? e.status.notes : '') },
      { id: 'workgroups', title: 'Workgroups', value: (e) => e.user.workgroups.join(', ') },
      { id: 'phone', title: 'Phone', value: (e) => e.user.phones.business ?? e.user.phones.mobile ?? '' },
      { id: 'email', title: 'E-mail', value: (e) => e.user.businessEmail ?? '', defaultVisible: false },
      { id: 'id', title: 'User id', value: (e) => e.user.id, defaultVisible: false },
    ],
    [flags, now],
  );

  return (
    <div className="page stack directory-view">
      <header className="row view-header">
        <h1>Company directory</h1>
        <span className="muted">
          {rows.length} of {entries.length}
        </span>
      </header>
      <div className="row directory-filters" role="search">
        <input
          type="search"
          aria-label="Search the directory"
          placeholder="Search name, e-mail, phone, status…"
          data-testid="directory-search"
          value={filter.text}
          onChange={(e) => setFilter({ ...filter, text: e.target.value })}
        />
        <select
          aria-label="Workgroup"
          value={filter.workgroup}
          onChange={(e) => setFilter({ ...filter, workgroup: e.target.value })}
        >
          <option value="">All workgroups</option>
          {(workgroups.data ?? []).map((w) => (
            <option key={w.id} value={w.id}>
              {w.displayName}
            </option>
          ))}
        </select>
        <label className="row">
          <input
            type="checkbox"
            checked={filter.loggedOnOnly}
            onChange={(e) => setFilter({ ...filter, loggedOnOnly: e.target.checked })}
          />
          Logged on only
        </label>
      </div>
      {users.error ? <ErrorNote>{(users.error as Error).message}</ErrorNote> : null}
      <Table
        label="Company directory"
        columns={columns}
        rows={shown}
        rowKey={(e) => e.user.id}
        storageKey="tandem.directory.columns"
        selectedKey={selected}
        onSelect={(e) => setSelected(e.user.id)}
        testId="directory"
        rowTestId={(e) => `directory-user-${e.user.id}`}
        empty={users.data ? 'Nobody matches.' : 'Loading…'}
      />
      {rows.length > shown.length ? (
        <div className="row">
          <span className="muted">
            Showing {shown.length} of {rows.length}: type to narrow, or
          </span>
          <button type="button" className="btn btn-sm" onClick={() => setCap((c) => c + SHOWN_AT_ONCE)}>
            Show more
          </button>
        </div>
      ) : null}
    </div>
  );
}
