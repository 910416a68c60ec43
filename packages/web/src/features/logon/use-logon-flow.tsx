import {
  changePassword,
  logOnBrowser,
  setStation,
  TandemApiError,
  type BrowserSessionInfo,
  type Station,
  type TandemClient,
} from '@tandem/client';
import { useState } from 'react';
import { errorText } from '../../app/ui/toast.js';
import { stationOf, type StationChoice } from './station-fields.js';

const STORED_STATION = 'tandem.logon.station';
const STORED_USER = 'tandem.logon.user';

/** The station chosen at the last logon in this browser (workstation by default). */
export function storedStation(): StationChoice {
  try {
    const raw = JSON.parse(localStorage.getItem(STORED_STATION) ?? 'null') as StationChoice | null;
    if (raw && ['none', 'workstation', 'remote'].includes(raw.type)) return raw;
  } catch {
    // fall through to the default
  }
  return { type: 'workstation', value: '' };
}

export function storedUser(): string {
  return localStorage.getItem(STORED_USER) ?? '';
}

export type LogonStep =
  | { kind: 'credentials' }
  | { kind: 'password'; client: TandemClient; info: BrowserSessionInfo }
  | { kind: 'station-in-use'; client: TandemClient; info: BrowserSessionInfo; station: Station; message: string };

type Done = (client: TandemClient, info: BrowserSessionInfo) => void;

/**
 * The logon's steps: log on, change the password when the server requires it, then claim the
 * station (`PUT /connection/station`), offering a take-over when someone else holds it. Errors are
 * kept with the fields the server named.
 */
export function useLogonFlow(onLoggedOn: Done) {
  const [step, setStep] = useState<LogonStep>({ kind: 'credentials' });
  const [error, setError] = useState<string | undefined>();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const finish = async (client: TandemClient, info: BrowserSessionInfo, choice: StationChoice, force = false) => {
    const station = stationOf(choice);
    try {
      const updated = await setStation(client, station, force);
      localStorage.setItem(STORED_STATION, JSON.stringify(choice));
      onLoggedOn(client, { ...info, ...updated, csrfToken: info.csrfToken });
    } catch (e) {
      if (!(e instanceof TandemApiError && e.code === 'STATION_IN_USE')) throw e;
      setStep({ kind: 'station-in-use', client, info, station, message: e.message });
    }
  };

  const run = async (what: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    setFieldErrors({});
    try {
      await what();
    } catch (e) {
      setError(errorText(e));
      if (e instanceof TandemApiError)
        setFieldErrors(Object.fromEntries(e.issues.map((i) => [i.path.replace(/^body\./, ''), i.message])));
    } finally {
      setBusy(false);
    }
  };

  return {
    step,
    error,
    fieldErrors,
    busy,
    logOn: (userId: string, password: string, choice: StationChoice) =>
      run(async () => {
        const { client, info } = await logOnBrowser(location.origin, { userId, password });
        localStorage.setItem(STORED_USER, userId);
        if (info.passwordChangeRequired) setStep({ kind: 'password', client, info });
        else await finish(client, info, choice);
      }),
    changePassword: (oldPassword: string, newPassword: string, choice: StationChoice) =>
      run(async () => {
        if (step.kind !== 'password') return;
        await changePassword(step.client, oldPassword, newPassword);
        await finish(step.client, { ...step.info, passwordChangeRequired: false }, choice);
      }),
    takeOver: (choice: StationChoice) =>
      run(async () => {
        if (step.kind === 'station-in-use') await finish(step.client, step.info, choice, true);
      }),
  };
}
