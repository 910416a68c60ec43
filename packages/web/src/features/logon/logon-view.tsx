import { type BrowserSessionInfo, type TandemClient } from '@tandem/client';
import { useState, type FormEvent } from 'react';
import { Button } from '../../app/ui/button.js';
import { StationFields, type StationChoice } from './station-fields.js';
import { storedStation, storedUser, useLogonFlow } from './use-logon-flow.js';
import './logon.css';

/**
 * Logon: user and password, then the station (workstation, remote number or none) through
 * `PUT /connection/station`; a forced password change comes in between when the server asks.
 */
export function LogonView({
  notice,
  onLoggedOn,
}: {
  notice?: string;
  onLoggedOn: (client: TandemClient, info: BrowserSessionInfo) => void;
}) {
  const [userId, setUserId] = useState(storedUser);
  const [password, setPassword] = useState('');
  const [choice, setChoice] = useState<StationChoice>(storedStation);
  const { step, error, fieldErrors, busy, ...flow } = useLogonFlow(onLoggedOn);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void flow.logOn(userId, password, choice);
  };

  if (step.kind === 'password')
    return (
      <PasswordChange error={error} busy={busy} onSubmit={(next) => void flow.changePassword(password, next, choice)} />
    );

  return (
    <div className="logon-page">
      <form className="logon card stack" onSubmit={onSubmit} aria-labelledby="logon-title" data-testid="logon-form">
        <h1 id="logon-title">Tandem</h1>
        <p className="muted">Log on to handle your interactions.</p>
        {notice ? (
          <p className="logon-notice" role="status">
            {notice}
          </p>
        ) : null}
        <div className="field">
          <label htmlFor="logon-user">User ID</label>
          <input
            id="logon-user"
            autoComplete="username"
            value={userId}
            required
            autoFocus={userId === ''}
            data-testid="logon-user"
            onChange={(e) => setUserId(e.target.value)}
          />
          {fieldErrors['userId'] ? <span className="field-error">{fieldErrors['userId']}</span> : null}
        </div>
        <div className="field">
          <label htmlFor="logon-password">Password</label>
          <input
            id="logon-password"
            type="password"
            autoComplete="current-password"
            value={password}
            required
            autoFocus={userId !== ''}
            data-testid="logon-password"
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        <StationFields
          choice={choice}
          onChange={setChoice}
          error={fieldErrors['station.id'] ?? fieldErrors['station.number']}
        />
        {step.kind === 'station-in-use' ? (
          <div className="logon-warning" role="alert">
            <p>{step.message}</p>
            <Button variant="danger" data-testid="logon-take-over" onClick={() => void flow.takeOver(choice)}>
              Take the station over
            </Button>
          </div>
        ) : null}
        {error && step.kind !== 'station-in-use' ? (
          <p className="field-error" role="alert" data-testid="logon-error">
            {error}
          </p>
        ) : null}
        <Button type="submit" variant="primary" disabled={busy} data-testid="logon-submit">
          {busy ? 'Logging on…' : 'Log on'}
        </Button>
      </form>
    </div>
  );
}

function PasswordChange(props: { error: string | undefined; busy: boolean; onSubmit: (next: string) => void }) {
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const mismatch = again !== '' && next !== again;
  return (
    <div className="logon-page">
      <form
        className="logon card stack"
        aria-labelledby="password-title"
        data-testid="password-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!mismatch) props.onSubmit(next);
        }}
      >
        <h1 id="password-title">Change your password</h1>
        <p className="muted">Your password has expired or was reset. Choose a new one to continue.</p>
        <div className="field">
          <label htmlFor="new-password">New password</label>
          <input
            id="new-password"
            type="password"
            autoComplete="new-password"
            required
            autoFocus
            value={next}
            onChange={(e) => setNext(e.target.value)}
            data-testid="new-password"
          />
        </div>
        <div className="field">
          <label htmlFor="new-password-again">New password again</label>
          <input
            id="new-password-again"
            type="password"
            autoComplete="new-password"
            required
            value={again}
            onChange={(e) => setAgain(e.target.value)}
            data-testid="new-password-again"
          />
          {mismatch ? <span className="field-error">The two passwords differ.</span> : null}
        </div>
        {props.error ? (
          <p className="field-error" role="alert">
            {props.error}
          </p>
        ) : null}
        <Button
          type="submit"
          variant="primary"
          disabled={props.busy || mismatch || next === ''}
          data-testid="password-submit"
        >
          Change password and log on
        </Button>
      </form>
    </div>
  );
}
