import { getUserStatus, listStatusMessages, type StatusMessage, type UserStatusView } from '@tandem/client';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useSession } from '../../app/session-store.js';
import { learnServerTime } from '../../app/server-clock.js';
import { useNow } from '../../app/use-now.js';
import { useShortcuts } from '../../app/use-shortcuts.js';
import { useTopic } from '../../app/use-topic.js';
import { formatDuration } from '../../app/ui/format.js';
import { StatusDialog } from './status-dialog.js';
import './status.css';

function tone(message: StatusMessage | undefined): string {
  if (!message) return 'unknown';
  if (message.availableForAcd) return 'acd';
  if (message.available) return 'available';
  if (message.doNotDisturb) return 'dnd';
  return 'away';
}

/**
 * My status: the current status, the live time in it, and a quick selector of the statuses this
 * user may select; statuses needing details (notes, until, forward number) open the dialog.
 */
export function StatusBar() {
  const { client, info } = useSession();
  const [messages, setMessages] = useState<StatusMessage[]>([]);
  const [status, setStatus] = useState<UserStatusView | undefined>();
  const [dialog, setDialog] = useState<{ statusId: string; details: boolean } | undefined>();
  const seqRef = useRef(-1);
  const select = useRef<HTMLSelectElement>(null);
  const now = useNow();

  const fetchStatus = useCallback(
    () => Promise.all([listStatusMessages(client), getUserStatus(client, info.userId)]),
    [client, info.userId],
  );
  const show = useCallback(([list, current]: Awaited<ReturnType<typeof fetchStatus>>) => {
    setMessages(list);
    seqRef.current = current.seq ?? -1;
    learnServerTime(current.status.changedAt + current.status.timeInStatusSeconds * 1000, Date.now());
    setStatus(current.status);
  }, []);
  const load = useCallback(async () => show(await fetchStatus()), [fetchStatus, show]);

  useEffect(() => {
    fetchStatus()
      .then(show)
      .catch(() => undefined);
  }, [fetchStatus, show]);
  useTopic(
    'user-status',
    { userIds: [info.userId] },
    (event) => {
      if (event.seq <= seqRef.current) return;
      setStatus(event.data as UserStatusView);
    },
    { onResync: () => void load() },
  );
  useShortcuts({ status: () => select.current?.focus() });

  const current = messages.find((m) => m.id === status?.statusId);
  const selectable = messages.filter((m) => m.selectable);
  const since = status ? now - status.changedAt : 0;

  return (
    <div className={`status-bar tone-${tone(current)}`} data-testid="status-bar">
      <span className="status-dot" aria-hidden="true" />
      <label className="visually-hidden" htmlFor="status-select">
        My status
      </label>
      <select
        id="status-select"
        ref={select}
        className="status-select"
        value={status?.statusId ?? ''}
        data-testid="status-select"
        onChange={(e) => e.target.value !== status?.statusId && setDialog({ statusId: e.target.value, details: false })}
      >
        {status && !selectable.some((m) => m.id === status.statusId) ? (
          <option value={status.statusId}>{status.statusText}</option>
        ) : null}
        {selectable.map((m) => (
          <option key={m.id} value={m.id}>
            {m.text}
          </option>
        ))}
      </select>
      <span className="status-time" aria-label="Time in status" data-testid="status-time">
        {status ? formatDuration(since) : ''}
      </span>
      {status?.notes ? (
        <span className="status-notes" title={status.notes}>
          {status.notes}
        </span>
      ) : null}
      <button
        type="button"
        className="btn btn-ghost btn-sm"
        aria-label="Status details"
        onClick={() => setDialog({ statusId: status?.statusId ?? '', details: true })}
      >
        ⋯
      </button>
      {dialog !== undefined ? (
        <StatusDialog
          messages={selectable}
          initial={dialog.statusId}
          details={dialog.details}
          current={status}
          onClose={() => setDialog(undefined)}
          onSaved={(saved) => {
            setStatus(saved);
            setDialog(undefined);
          }}
        />
      ) : null}
    </div>
  );
}
