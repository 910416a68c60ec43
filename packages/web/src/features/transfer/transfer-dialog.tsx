import {
  getWorkgroupStatistics,
  interactionAction,
  listDirectoryUsers,
  listDirectoryWorkgroups,
  listStatusMessages,
  listUserStatuses,
  startConsult,
  type DirectoryUser,
  type DirectoryWorkgroup,
  type InteractionView,
  type StatusMessage,
  type UserStatusView,
  type WorkgroupStatistics,
} from '@tandem/client';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useSession } from '../../app/session-store.js';
import { useTopic } from '../../app/use-topic.js';
import { Dialog } from '../../app/ui/dialog.js';
import { formatDuration } from '../../app/ui/format.js';
import { errorText, useToast } from '../../app/ui/toast.js';
import { TypeAhead } from '../../app/ui/type-ahead.js';
import { matchTargets, type TransferTarget } from './transfer-model.js';
import './transfer.css';

/** Live statuses and statistics behind the targets (the directory itself is read once). */
function useTargets(): TransferTarget[] {
  const { client, hasRight } = useSession();
  const [users, setUsers] = useState<DirectoryUser[]>([]);
  const [groups, setGroups] = useState<DirectoryWorkgroup[]>([]);
  const [messages, setMessages] = useState<StatusMessage[]>([]);
  const [statuses, setStatuses] = useState<ReadonlyMap<string, UserStatusView>>(new Map());
  const [stats, setStats] = useState<ReadonlyMap<string, WorkgroupStatistics>>(new Map());

  const withStats = useMemo(
    () =>
      groups
        .filter(
          (g) => g.hasQueue && hasRight({ type: 'object', object: 'workgroup', target: g.id, access: 'statistics' }),
        )
        .map((g) => g.id)
        .slice(0, 100),
    [groups, hasRight],
  );

  const loadStatuses = useCallback(async () => {
    const { items } = await listUserStatuses(client);
    setStatuses(new Map(items.map((s) => [s.userId, s])));
  }, [client]);

  useEffect(() => {
    void Promise.all([
      listDirectoryUsers(client).then((p) => setUsers(p.items)),
      listDirectoryWorkgroups(client).then((p) => setGroups(p.items)),
      listStatusMessages(client).then(setMessages),
    ]).catch(() => undefined);
  }, [client]);

  useEffect(() => {
    void Promise.all(withStats.map((id) => getWorkgroupStatistics(client, id).catch(() => undefined))).then((found) =>
      setStats(new Map(found.filter((s): s is WorkgroupStatistics => s !== undefined).map((s) => [s.workgroupId, s]))),
    );
  }, [client, withStats]);

  useTopic(
    'user-status',
    {},
    (e) => {
      const s = e.data as UserStatusView;
      setStatuses((m) => new Map(m).set(s.userId, s));
    },
    { onReady: () => void loadStatuses().catch(() => undefined), onResync: () => void loadStatuses() },
  );
  useTopic(withStats.length ? 'statistics' : '', { workgroupIds: withStats }, (e) => {
    if (e.type !== 'statistics.workgroup') return;
    const s = e.data as WorkgroupStatistics;
    setStats((m) => new Map(m).set(s.workgroupId, s));
  });

  return useMemo(() => {
    const available = new Map(messages.map((m) => [m.id, m.available || m.availableForAcd]));
    const userTargets: TransferTarget[] = users.map((u) => {
      const s = statuses.get(u.id);
      return {
        kind: 'user',
        id: u.id,
        name: u.displayName,
        statusText: s?.statusText,
        available: s ? available.get(s.statusId) === true && s.loggedOn : false,
        loggedOn: s?.loggedOn,
      };
    });
    const groupTargets: TransferTarget[] = groups
      .filter((g) => g.hasQueue && g.active)
      .map((g) => {
        const live = stats.get(g.id)?.live;
        return {
          kind: 'workgroup',
          id: g.id,
          name: g.displayName,
          waiting: live?.waiting,
          longestWaitMs: live?.longestWaitingMs,
          agentsAvailable: live?.agents.available,
        };
      });
    return [...groupTargets, ...userTargets];
  }, [users, groups, statuses, stats, messages]);
}

function TargetOption({ target }: { target: TransferTarget }) {
  if (target.kind === 'user')
    return (
      <div className="target">
        <span
          className={`target-dot ${target.available ? 'on' : target.loggedOn ? 'busy' : 'off'}`}
          aria-hidden="true"
        />
        <span className="target-name">{target.name}</span>
        <span className="muted">
          {target.statusText ?? 'Unknown status'}
          {target.loggedOn === false ? ' · logged off' : ''}
        </span>
      </div>
    );
  const known = target.waiting !== undefined;
  return (
    <div className="target">
      <span className="target-icon" aria-hidden="true">
        👥
      </span>
      <span className="target-name">{target.name}</span>
      <span className="muted">
        {known
          ? `${target.waiting} waiting · longest ${target.longestWaitMs ? formatDuration(target.longestWaitMs) : '0:00'} · ${target.agentsAvailable ?? 0} agents available`
          : 'Workgroup'}
      </span>
    </div>
  );
}

/**
 * Transfer (blind, to a user or a workgroup) or consult (chats: talk to a colleague first, then
 * complete the transfer from the chat). Type-ahead over the directory with live status, queue
 * length, longest wait and agents available.
 */
export default function TransferDialog(props: {
  interaction: InteractionView;
  mode: 'transfer' | 'consult';
  onClose: () => void;
  onDone: (ix: InteractionView) => void;
}) {
  const { client, info } = useSession();
  const toast = useToast();
  const targets = useTargets();
  const [error, setError] = useState<string | undefined>();
  const { mode, interaction } = props;
  const search = useCallback(
    (text: string) => matchTargets(targets, text, { mode, self: info.userId }),
    [targets, mode, info.userId],
  );

  const choose = async (target: TransferTarget) => {
    try {
      if (mode === 'consult') {
        await startConsult(client, interaction.id, target.id);
        toast({ text: `Consulting ${target.name}: complete or cancel the transfer from the chat.` });
      } else {
        props.onDone(
          await interactionAction(client, interaction.id, 'transfer', { target: { type: target.kind, id: target.id } }),
        );
        toast({ kind: 'success', text: `Transferred to ${target.name}` });
      }
      props.onClose();
    } catch (e) {
      setError(errorText(e));
    }
  };

  return (
    <Dialog
      title={mode === 'consult' ? 'Consult a colleague' : 'Transfer'}
      onClose={props.onClose}
      width="md"
      testId="transfer-dialog"
    >
      <div className="stack">
        <TypeAhead
          label={mode === 'consult' ? 'Find a colleague' : 'Find a user or workgroup'}
          placeholder="Type a name"
          autoFocus
          search={search}
          optionKey={(t) => `${t.kind}:${t.id}`}
          renderOption={(t) => <TargetOption target={t} />}
          onChoose={(t) => void choose(t)}
          testId="transfer-search"
        />
        {error ? (
          <p className="field-error" role="alert">
            {error}
          </p>
        ) : null}
      </div>
    </Dialog>
  );
}
