import type { Station } from '@tandem/client';

export interface StationChoice {
  type: 'none' | 'workstation' | 'remote';
  /** Workstation id or remote number. */
  value: string;
  persistent?: boolean;
}

export function stationOf(choice: StationChoice): Station {
  switch (choice.type) {
    case 'none':
      return { type: 'none' };
    case 'workstation':
      return { type: 'workstation', id: choice.value.trim() };
    case 'remote':
      return { type: 'remote', number: choice.value.trim(), ...(choice.persistent ? { persistent: true } : {}) };
  }
}

const LABELS: Record<StationChoice['type'], string> = {
  workstation: 'Workstation',
  remote: 'Remote number',
  none: 'No station',
};

/** The station part of the logon (also used to change station later). */
export function StationFields(props: {
  choice: StationChoice;
  onChange: (choice: StationChoice) => void;
  error?: string | undefined;
}) {
  const { choice, onChange } = props;
  return (
    <fieldset className="station-fields">
      <legend>Station</legend>
      <div className="segmented" role="radiogroup" aria-label="Station type">
        {(['workstation', 'remote', 'none'] as const).map((type) => (
          <label key={type} className={choice.type === type ? 'checked' : ''}>
            <input
              type="radio"
              name="station-type"
              value={type}
              checked={choice.type === type}
              data-testid={`station-${type}`}
              onChange={() => onChange({ ...choice, type, value: type === choice.type ? choice.value : '' })}
            />
            {LABELS[type]}
          </label>
        ))}
      </div>
      {choice.type === 'workstation' ? (
        <div className="field">
          <label htmlFor="station-id">Workstation ID</label>
          <input
            id="station-id"
            required
            value={choice.value}
            placeholder="e.g. desk-12"
            data-testid="station-id"
            onChange={(e) => onChange({ ...choice, value: e.target.value })}
          />
        </div>
      ) : null}
      {choice.type === 'remote' ? (
        <div className="field">
          <label htmlFor="station-number">Remote number</label>
          <input
            id="station-number"
            type="tel"
            required
            value={choice.value}
            placeholder="+44 20 7946 0000"
            data-testid="station-number"
            onChange={(e) => onChange({ ...choice, value: e.target.value })}
          />
          <label className="row">
            <input
              type="checkbox"
              checked={choice.persistent === true}
              onChange={(e) => onChange({ ...choice, persistent: e.target.checked })}
            />
            Keep the connection between calls (persistent)
          </label>
        </div>
      ) : null}
      {choice.type === 'none' ? (
        <p className="muted">You can chat, email and handle callbacks, but not take calls.</p>
      ) : null}
      {props.error ? <span className="field-error">{props.error}</span> : null}
    </fieldset>
  );
}
