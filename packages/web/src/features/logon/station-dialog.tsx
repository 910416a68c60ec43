import { TandemApiError, setStation, type Station } from '@tandem/client';
import { useState, type FormEvent } from 'react';
import { useSession } from '../../app/session-store.js';
import { Button } from '../../app/ui/button.js';
import { Dialog } from '../../app/ui/dialog.js';
import { errorText } from '../../app/ui/toast.js';
import { StationFields, stationOf, type StationChoice } from './station-fields.js';

function choiceOf(station: Station | undefined): StationChoice {
  if (station?.type === 'workstation') return { type: 'workstation', value: station.id };
  if (station?.type === 'remote')
    return { type: 'remote', value: station.number, ...(station.persistent ? { persistent: true } : {}) };
  return { type: 'none', value: '' };
}

/** Where the user works from, changed without logging off (`PUT /connection/station`). */
export default function StationDialog({ onClose }: { onClose: () => void }) {
  const { client, info, updateInfo } = useSession();
  const [choice, setChoice] = useState<StationChoice>(() => choiceOf(info.station));
  const [error, setError] = useState<string | undefined>();
  const [inUse, setInUse] = useState(false);

  const save = async (force: boolean) => {
    try {
      const next = await setStation(client, stationOf(choice), force);
      updateInfo({ ...info, ...next, csrfToken: info.csrfToken });
      onClose();
    } catch (e) {
      setInUse(e instanceof TandemApiError && e.code === 'STATION_IN_USE');
      setError(errorText(e));
    }
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void save(false);
  };
  return (
    <Dialog
      title="Station"
      onClose={onClose}
      width="sm"
      testId="station-dialog"
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          {inUse ? (
            <Button variant="danger" onClick={() => void save(true)}>
              Take it over
            </Button>
          ) : null}
          <Button variant="primary" type="submit" form="station-form" data-testid="station-save">
            Change station
          </Button>
        </>
      }
    >
      <form id="station-form" className="stack" onSubmit={onSubmit}>
        <StationFields choice={choice} onChange={setChoice} />
        {error ? (
          <p className="field-error" role="alert">
            {error}
          </p>
        ) : null}
      </form>
    </Dialog>
  );
}
