import { setUserStatus, TandemApiError, type StatusMessage, type UserStatusView } from '@tandem/client';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useSession } from '../../app/session-store.js';
import { Button } from '../../app/ui/button.js';
import { Dialog } from '../../app/ui/dialog.js';
import { errorText } from '../../app/ui/toast.js';
import { statusChangeOf, toLocalInput } from './status-change.js';

/**
 * Sets the status with its details. A status that needs nothing more is set at once (no dialog
 * shows); the server validates and its field errors appear next to the fields.
 */
export function StatusDialog(props: {
  messages: StatusMessage[];
  initial: string;
  /** Opened for the details (the ⋯ button): always show the form. Else a status needing nothing more is set at once. */
  details: boolean;
  current: UserStatusView | undefined;
  onClose: () => void;
  onSaved: (status: UserStatusView) => void;
}) {
  const { client, info, hasRight } = useSession();
  const [statusId, setStatusId] = useState(props.initial);
  const [notes, setNotes] = useState(props.current?.statusId === props.initial ? (props.current.notes ?? '') : '');
  const [until, setUntil] = useState(
    props.current?.statusId === props.initial && props.current.until ? toLocalInput(props.current.until) : '',
  );
  const [forward, setForward] = useState(props.current?.forwardNumber ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | undefined>();
  const message = props.messages.find((m) => m.id === statusId);
  // A plain status change from the selector needs no dialog: it is saved at once, and the form shows only if that fails.
  const [showForm, setShowForm] = useState(() => props.details || message?.forwardNumberRequired === true);
  const tried = useRef(false);
  const mayNote = hasRight({ type: 'security', right: 'status-notes' });

  const save = async () => {
    setErrors({});
    setError(undefined);
    await submit();
  };

  const submit = async () => {
    try {
      const change = statusChangeOf({ statusId, notes: mayNote ? notes : '', until, forwardNumber: forward });
      props.onSaved(await setUserStatus(client, info.userId, change));
    } catch (e) {
      setShowForm(true);
      setError(errorText(e));
      if (e instanceof TandemApiError)
        setErrors(Object.fromEntries(e.issues.map((i) => [i.path.replace(/^body\./, ''), i.message])));
    }
  };

  useEffect(() => {
    if (tried.current) return;
    tried.current = true;
    if (!showForm) void submit();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, on opening: with the choice it was opened with
  }, []);

  if (!showForm) return null;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void save();
  };
  return (
    <Dialog
      title="Set status"
      onClose={props.onClose}
      testId="status-dialog"
      footer={
        <>
          <Button onClick={props.onClose}>Cancel</Button>
          <Button variant="primary" type="submit" form="status-form" data-testid="status-save">
            Set status
          </Button>
        </>
      }
    >
      <form id="status-form" className="stack" onSubmit={onSubmit}>
        <div className="field">
          <label htmlFor="status-id">Status</label>
          <select id="status-id" value={statusId} onChange={(e) => setStatusId(e.target.value)}>
            {props.messages.map((m) => (
              <option key={m.id} value={m.id}>
                {m.text}
              </option>
            ))}
          </select>
          {errors['statusId'] ? <span className="field-error">{errors['statusId']}</span> : null}
        </div>
        {mayNote ? (
          <div className="field">
            <label htmlFor="status-notes">Notes</label>
            <input id="status-notes" maxLength={500} value={notes} onChange={(e) => setNotes(e.target.value)} />
            {errors['notes'] ? <span className="field-error">{errors['notes']}</span> : null}
          </div>
        ) : null}
        <div className="field">
          <label htmlFor="status-until">Until</label>
          <input id="status-until" type="datetime-local" value={until} onChange={(e) => setUntil(e.target.value)} />
          {errors['until'] ? <span className="field-error">{errors['until']}</span> : null}
        </div>
        <div className="field">
          <label htmlFor="status-forward">Forward number{message?.forwardNumberRequired ? ' (required)' : ''}</label>
          <input
            id="status-forward"
            type="tel"
            value={forward}
            required={message?.forwardNumberRequired === true}
            onChange={(e) => setForward(e.target.value)}
          />
          {errors['forwardNumber'] ? <span className="field-error">{errors['forwardNumber']}</span> : null}
        </div>
        {error && Object.keys(errors).length === 0 ? (
          <p className="field-error" role="alert">
            {error}
          </p>
        ) : null}
      </form>
    </Dialog>
  );
}
