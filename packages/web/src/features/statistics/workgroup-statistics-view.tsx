import { getWorkgroupStatistics, type IntervalName, type TandemEvent, type WorkgroupStatistics } from '@tandem/client';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useSession } from '../../app/session-context.js';
import { useTopic } from '../../app/use-topic.js';
import { ErrorNote } from '../../app/ui/error-note.js';
import { formatDuration } from '../../app/ui/format.js';
import { useNow } from '../../app/use-now.js';
import { useWorkgroups } from '../directory/use-directory.js';
import { IntervalPicker } from './interval-picker.js';
import {
  formatPercent,
  newer,
  overviewRowOf,
  overviewTotals,
  statisticsWorkgroups,
  type OverviewRow,
} from './statistics-model.js';
import { WorkgroupDetail } from './workgroup-detail.js';
import './statistics.css';
import '../../app/ui/page.css';

const ms = (value: number | null) => (value === null ? '–' : formatDuration(value));

/** Live statistics of every workgroup the user may see: loaded over REST, then kept by `statistics` events. */
function useWorkgroupStatistics(ids: readonly string[]) {
  const { client } = useSession();
  const [stats, setStats] = useState(new Map<string, WorkgroupStatistics>());
  const key = ids.join('\n');
  const load = useCallback(() => {
    const list = key ? key.split('\n') : [];
    void Promise.allSettled(list.map((id) => getWorkgroupStatistics(client, id))).then((results) => {
      const loaded = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
      // An event newer than the REST answer (figures carry their time `at`) is kept.
      setStats((old) => new Map(loaded.map((s) => [s.workgroupId, newer(old.get(s.workgroupId), s)])));
    });
  }, [client, key]);
  useEffect(load, [load]);
  const onEvent = useCallback((event: TandemEvent) => {
    if (event.type !== 'statistics.workgroup') return;
    const data = event.data as WorkgroupStatistics;
    setStats((s) => new Map(s).set(data.workgroupId, newer(s.get(data.workgroupId), data)));
  }, []);
  return { stats, load, onEvent };
}

/** The subscription, mounted only with at least one workgroup (the server refuses an empty list). */
function StatisticsFeed(props: {
  ids: readonly string[];
  onEvent: (event: TandemEvent) => void;
  onResync: () => void;
}) {
  useTopic('statistics', { workgroupIds: [...props.ids] }, props.onEvent, { onResync: props.onResync });
  return null;
}

function OverviewLine({ row, onOpen, total }: { row: OverviewRow; onOpen?: () => void; total?: boolean }) {
  const name = total ? 'All workgroups' : row.workgroupId;
  return (
    <tr data-testid={`stat-row-${total ? 'total' : row.workgroupId}`} className={total ? 'stat-total' : ''}>
      <th scope="row">
        {onOpen ? (
          <button type="button" className="link-button" onClick={onOpen} aria-label={`Details of ${name}`}>
            {name}
          </button>
        ) : (
          name
        )}
      </th>
      <td data-label="Waiting" data-testid="stat-waiting" className={row.waiting > 0 ? 'stat-hot' : ''}>
        {row.waiting}
      </td>
      <td data-label="Alerting" data-testid="stat-alerting">
        {row.alerting}
      </td>
      <td data-label="Longest wait" data-testid="stat-longest-wait">
        {ms(row.longestWaitingMs)}
      </td>
      <td data-label="Agents available" data-testid="stat-agents-available">
        {row.agentsAvailable} / {row.agentsLoggedOn}
      </td>
      <td data-label="Received" data-testid="stat-received">
        {row.received}
      </td>
      <td data-label="Answered" data-testid="stat-answered">
        {row.answered}
      </td>
      <td data-label="Abandoned" data-testid="stat-abandoned">
        {row.abandoned}
      </td>
      <td data-label="Service level" data-testid="stat-service-level">
        {formatPercent(row.serviceLevelPercent)}
      </td>
      <td data-label="Average wait" data-testid="stat-average-wait">
        {ms(row.averageWaitMs)}
      </td>
      <td data-label="Estimated wait" data-testid="stat-estimated-wait">
        {row.estimatedWaitSeconds === null ? '–' : formatDuration(row.estimatedWaitSeconds * 1000)}
      </td>
    </tr>
  );
}

/** Supervisor overview: one line per workgroup with live gauges and interval figures; details per workgroup. */
export default function WorkgroupStatisticsView() {
  const { info } = useSession();
  const workgroups = useWorkgroups();
  const ids = useMemo(
    () => statisticsWorkgroups(info.rights, info.userId, workgroups.data ?? []),
    [info.rights, info.userId, workgroups.data],
  );
  const { stats, load, onEvent } = useWorkgroupStatistics(ids);
  const [interval, chooseInterval] = useState<IntervalName>('currentPeriod');
  const [open, setOpen] = useState<string>();
  useNow(5000);
  const list = ids.flatMap((id) => stats.get(id) ?? []);
  const detail = open ? stats.get(open) : undefined;

  return (
    <div className="page stack statistics-view">
      <header className="row view-header">
        <h1>Workgroup statistics</h1>
        <span className="spacer" />
        <IntervalPicker value={interval} onChange={chooseInterval} />
      </header>
      {ids.length > 0 ? <StatisticsFeed ids={ids} onEvent={onEvent} onResync={load} /> : null}
      {workgroups.error ? <ErrorNote>{(workgroups.error as Error).message}</ErrorNote> : null}
      {workgroups.data && ids.length === 0 ? (
        <p className="muted">You have the Statistics right on no workgroup and supervise none.</p>
      ) : null}
      <div className="table-scroll card">
        <table className="table stat-table" aria-label="Workgroup overview" data-testid="stat-overview">
          <thead>
            <tr>
              <th scope="col">Workgroup</th>
              <th scope="col">Waiting</th>
              <th scope="col">Alerting</th>
              <th scope="col">Longest wait</th>
              <th scope="col">Agents available</th>
              <th scope="col">Received</th>
              <th scope="col">Answered</th>
              <th scope="col">Abandoned</th>
              <th scope="col">Service level</th>
              <th scope="col">Average wait</th>
              <th scope="col">Estimated wait</th>
            </tr>
          </thead>
          <tbody>
            {list.map((s) => (
              <OverviewLine
                key={s.workgroupId}
                row={overviewRowOf(s, interval)}
                onOpen={() => setOpen(s.workgroupId)}
              />
            ))}
            {list.length > 1 ? <OverviewLine row={overviewTotals(list, interval)} total /> : null}
          </tbody>
        </table>
      </div>
      {detail ? <WorkgroupDetail stats={detail} interval={interval} onClose={() => setOpen(undefined)} /> : null}
    </div>
  );
}
