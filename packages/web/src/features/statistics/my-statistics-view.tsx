import { getAgentStatistics, type AgentInterval, type AgentStatistics, type IntervalName } from '@tandem/client';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useSession } from '../../app/session-context.js';
import { useTopic } from '../../app/use-topic.js';
import { ErrorNote } from '../../app/ui/error-note.js';
import { formatDuration } from '../../app/ui/format.js';
import { errorViewOf } from '../admin/api-errors.js';
import { useUsers, useWorkgroups } from '../directory/use-directory.js';
import { newer, viewableAgents } from './statistics-model.js';
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

/** Who the statistics are of: oneself, or (supervisor mode) an agent whose workgroups are all in view. */
function useAgentChoice(): { agentId: string; choose: (id: string) => void; choices: { id: string; name: string }[] } {
  const { info } = useSession();
  const users = useUsers();
  const workgroups = useWorkgroups();
  const [agentId, choose] = useState(info.userId);
  const choices = useMemo(() => {
    const ids = new Set(viewableAgents(info.rights, info.userId, users.data ?? [], workgroups.data ?? []));
    return (users.data ?? []).filter((u) => ids.has(u.id)).map((u) => ({ id: u.id, name: u.displayName }));
  }, [info.rights, info.userId, users.data, workgroups.data]);
  return { agentId, choose, choices };
}

/** ACD statistics of an agent (oneself by default) per workgroup and outside ACD, live. */
export default function MyStatisticsView() {
  const { client } = useSession();
  const { agentId, choose, choices } = useAgentChoice();
  const [stats, setStats] = useState<AgentStatistics>();
  const [error, setError] = useState<unknown>();
  const [interval, chooseInterval] = useState<IntervalName>('currentShift');
  const load = useCallback(() => {
    getAgentStatistics(client, agentId).then((s) => {
      setStats((old) => (old?.userId === s.userId ? newer(old, s) : s));
      setError(undefined);
    }, setError);
  }, [client, agentId]);
  useEffect(load, [load]);
  useTopic(
    'statistics',
    { userIds: [agentId] },
    (event) => {
      const data = event.data as AgentStatistics;
      if (event.type === 'statistics.agent' && data.userId === agentId)
        setStats((old) => (old?.userId === data.userId ? newer(old, data) : data));
    },
    { onResync: load },
  );

  return (
    <div className="page stack statistics-view">
      <header className="row view-header">
        <h1>Agent statistics</h1>
        {choices.length > 1 ? (
          <select
            aria-label="Agent"
            data-testid="stat-agent-choice"
            value={agentId}
            onChange={(e) => choose(e.target.value)}
          >
            {choices.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        ) : null}
        <span className="spacer" />
        <IntervalPicker value={interval} onChange={chooseInterval} />
      </header>
      {error ? <ErrorNote>{errorViewOf(error).message}</ErrorNote> : null}
      {stats ? (
        <div className="table-scroll card">
          <table className="table stat-table" aria-label={`Statistics of ${agentId}`} data-testid="stat-agent">
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
