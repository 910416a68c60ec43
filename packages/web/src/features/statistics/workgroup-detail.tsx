import type { IntervalName, WorkgroupStatistics } from '@tandem/client';
import { Button } from '../../app/ui/button.js';
import { formatDuration } from '../../app/ui/format.js';
import { formatPercent } from './statistics-model.js';

const ms = (value: number | null) => (value === null ? '–' : formatDuration(value));

function Figure({ name, label, value }: { name: string; label: string; value: string | number }) {
  return (
    <div className="figure">
      <dt>{label}</dt>
      <dd data-testid={`stat-${name}`}>{value}</dd>
    </div>
  );
}

/** Every figure of one workgroup for the chosen interval, and its live gauges. */
export function WorkgroupDetail(props: { stats: WorkgroupStatistics; interval: IntervalName; onClose: () => void }) {
  const { stats, interval } = props;
  const i = stats.intervals[interval];
  const { live } = stats;
  return (
    <section
      className="card stat-detail"
      aria-label={`Statistics of ${stats.workgroupId}`}
      data-testid={`stat-detail-${stats.workgroupId}`}
    >
      <header className="row">
        <h2>{stats.workgroupId}</h2>
        <span className="muted">service level target {stats.serviceLevelSeconds} s</span>
        <span className="spacer" />
        <Button size="sm" variant="ghost" onClick={props.onClose} aria-label="Close details">
          Close
        </Button>
      </header>
      <h3>Now</h3>
      <dl className="figures">
        <Figure name="waiting" label="Waiting" value={live.waiting} />
        <Figure name="alerting" label="Alerting" value={live.alerting} />
        <Figure name="longest-wait" label="Longest waiting" value={ms(live.longestWaitingMs)} />
        <Figure name="longest-talk" label="Longest talking" value={ms(live.longestTalkMs)} />
        <Figure name="logged-on" label="Agents logged on" value={live.agents.loggedOn} />
        <Figure name="available" label="Available" value={live.agents.available} />
        <Figure name="idle" label="Idle" value={live.agents.idle} />
        <Figure name="on-acd" label="On ACD" value={live.agents.onAcd} />
        <Figure name="in-acw" label="In after-call work" value={live.agents.inAcw} />
        <Figure
          name="estimated-wait"
          label="Estimated wait"
          value={stats.estimatedWait.seconds === null ? '–' : formatDuration(stats.estimatedWait.seconds * 1000)}
        />
      </dl>
      <h3>Interval</h3>
      <dl className="figures">
        <Figure name="received" label="Received" value={i.received} />
        <Figure name="answered" label="Answered" value={i.answered} />
        <Figure name="within-target" label="Answered within target" value={i.answeredWithinTarget} />
        <Figure name="abandoned" label="Abandoned" value={i.abandoned} />
        <Figure name="flowed-out" label="Flowed out" value={i.flowedOut} />
        <Figure name="completed" label="Completed" value={i.completed} />
        <Figure name="service-level" label="Service level" value={formatPercent(i.serviceLevelPercent)} />
        <Figure name="abandon-rate" label="Abandon rate" value={formatPercent(i.abandonRatePercent)} />
        <Figure name="average-wait" label="Average wait" value={ms(i.wait.averageMs)} />
        <Figure name="longest-wait-interval" label="Longest wait" value={ms(i.wait.longestMs)} />
        <Figure name="average-talk" label="Average talk" value={ms(i.talk.averageMs)} />
        <Figure name="average-handle" label="Average handle" value={ms(i.averageHandleMs)} />
      </dl>
    </section>
  );
}
