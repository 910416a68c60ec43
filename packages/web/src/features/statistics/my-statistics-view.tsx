import { getAgentStatistics, type AgentInterval, type AgentStatistics, type IntervalName } from '@tandem/client';
import { useCallback, useEffect, useState } from 'react';
import { useSession } from '../../app/session-context.js';
import { useTopic } from '../../app/use-topic.js';
import { ErrorNote } from '../../app/ui/error-note.js';
import { formatDuration } from '../../app/ui/format.js';
import { errorViewOf } from '../admin/api-errors.js';
import { IntervalPicker } from './interval-picker.js';
import './statistics.css';
import '../../app/ui/page.css';

const ms = (value: number | null) => (value === null ? '–' : formatDuration(value));

function Row({ name, figures, testId }: { name: string; figures: AgentInterval; testId: string }) {
  return (
    <tr data-testid={testId}>
      <th scope="row">{name}</th>
      <td data-label="Received" data-testid="stat-received">
        {figures.received}
      </td>
      <td data-label="Answered" data-testid="stat-answered">
        {figures.answered}
      </td>
      <td data-label="Not answered" data-testid="stat-not-answered">
        {figures.notAnswered}
      </td>
      <td data-label="Completed" data-testid="stat-completed">
        {figures.completed}
      </td>
      <td data-label="Average talk" data-testid="stat-average-talk">
        {ms(figures.talk.averageMs)}
      </td>
      <td data-label="Total talk" data-testid="stat-total-talk">
        {formatDuration(figures.talk.totalMs)}
      </td>
      <td data-label="Held" data-testid="stat-held">
        {figures.held}
      </td>
    </tr>
  );
}

/** The agent's own ACD statistics per workgroup and outside ACD, live. */
export default function MyStatisticsView() {
  const { client, info } = useSession();
  const [stats, setStats] = useState<AgentStatistics>();
  const [error, setError] = useState<unknown>();
  const [interval, chooseInterval] = useState<IntervalName>('currentShift');
  const load = useCallback(() => {
    getAgentStatistics(client, info.userId).then(setStats, setError);
  }, [client, info.userId]);
  useEffect(load, [load]);
  useTopic(
    'statistics',
    { userIds: [info.userId] },
    (event) => {
      if (event.type === 'statistics.agent') setStats(event.data as AgentStatistics);
    },
    { onResync: load },
  );

  return (
    <div className="page stack statistics-view">
      <header className="row view-header">
        <h1>My statistics</h1>
        <span className="spacer" />
        <IntervalPicker value={interval} onChange={chooseInterval} />
      </header>
      {error ? <ErrorNote>{errorViewOf(error).message}</ErrorNote> : null}
      {stats ? (
        <div className="table-scroll card">
          <table className="table stat-table" aria-label="My statistics" data-testid="stat-agent">
            <thead>
              <tr>
                <th scope="col">Workgroup</th>
                <th scope="col">Received</th>
                <th scope="col">Answered</th>
                <th scope="col">Not answered</th>
                <th scope="col">Completed</th>
                <th scope="col">Average talk</th>
                <th scope="col">Total talk</th>
                <th scope="col">Held</th>
              </tr>
            </thead>
            <tbody>
              {stats.workgroups.map((w) => (
                <Row
                  key={w.workgroupId}
                  name={w.workgroupId}
                  figures={w.intervals[interval]}
                  testId={`stat-row-${w.workgroupId}`}
                />
              ))}
              <Row name="Outside ACD" figures={stats.nonAcd[interval]} testId="stat-row-non-acd" />
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
