import { callbackOutcome, getInteraction, type InteractionView } from '@tandem/client';
import { useState } from 'react';
import { useSession } from '../../app/session-store.js';
import { Button } from '../../app/ui/button.js';
import { errorText } from '../../app/ui/toast.js';

const RETRY_CHOICES = [
  { label: 'server default', seconds: undefined },
  { label: '15 minutes', seconds: 900 },
  { label: '1 hour', seconds: 3600 },
  { label: 'tomorrow (24 h)', seconds: 86_400 },
];

/** A callback request: who to call and why, and its outcomes (Complete, Retry Later, Attempt Failed). */
export default function CallbackPanel(props: {
  interaction: InteractionView;
  onChanged: (ix: InteractionView) => void;
}) {
  const { client, info } = useSession();
  const ix = props.interaction;
  const a = ix.attributes;
  const [retry, setRetry] = useState(0);
  const [error, setError] = useState<string | undefined>();
  const [done, setDone] = useState<string | undefined>(a['Tandem_CallbackOutcome']);
  const mine =
    ix.userId === info.userId && (ix.state === 'acd-assigned' || ix.state === 'connected' || ix.state === 'held');
  const telephone = a['Tandem_CallbackTelephone'] ?? '';

  const record = async (outcome: 'complete' | 'retry-later' | 'attempt-failed') => {
    setError(undefined);
    try {
      await callbackOutcome(
        client,
        ix.id,
        outcome,
        outcome === 'retry-later' ? RETRY_CHOICES[retry]?.seconds : undefined,
      );
      setDone(outcome);
      props.onChanged(await getInteraction(client, ix.id));
    } catch (e) {
      setError(errorText(e));
    }
  };

  return (
    <div className="callback stack" data-testid="callback-panel">
      <dl className="ci-attributes">
        <div>
          <dt>Name</dt>
          <dd>{a['Eic_RemoteName'] ?? '—'}</dd>
        </div>
        <div>
          <dt>Telephone</dt>
          <dd>{telephone ? <a href={`tel:${telephone.replace(/[^+0-9]/g, '')}`}>{telephone}</a> : '—'}</dd>
        </div>
        <div>
          <dt>Subject</dt>
          <dd>{a['Tandem_CallbackSubject'] ?? '—'}</dd>
        </div>
        <div>
          <dt>Attempts so far</dt>
          <dd>{a['Tandem_CallbackAttempts'] ?? '0'}</dd>
        </div>
      </dl>
      {done ? <p className="badge badge-success">Outcome: {done}</p> : null}
      <div className="row">
        <Button
          variant="primary"
          disabled={!mine}
          data-testid="callback-complete"
          onClick={() => void record('complete')}
        >
          Complete
        </Button>
        <Button disabled={!mine} data-testid="callback-retry" onClick={() => void record('retry-later')}>
          Retry later
        </Button>
        <label className="visually-hidden" htmlFor="callback-retry-after">
          Retry after
        </label>
        <select
          id="callback-retry-after"
          value={retry}
          disabled={!mine}
          onChange={(e) => setRetry(Number(e.target.value))}
        >
          {RETRY_CHOICES.map((c, i) => (
            <option key={c.label} value={i}>
              {c.label}
            </option>
          ))}
        </select>
        <Button
          variant="danger"
          disabled={!mine}
          data-testid="callback-failed"
          onClick={() => void record('attempt-failed')}
        >
          Attempt failed
        </Button>
      </div>
      {!mine && !done ? <p className="muted">Pick up the callback to record its outcome.</p> : null}
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
