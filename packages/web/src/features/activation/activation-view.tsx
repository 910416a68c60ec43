import { getActivations, setActivations, type UserActivations } from '@tandem/client';
import { useCallback, useEffect, useState } from 'react';
import { useSession } from '../../app/session-context.js';
import { Button } from '../../app/ui/button.js';
import { ErrorNote } from '../../app/ui/error-note.js';
import { formatClock } from '../../app/ui/format.js';
import { useToast } from '../../app/ui/toast.js';
import { errorViewOf } from '../admin/api-errors.js';
import { useUsers, useWorkgroups } from '../directory/use-directory.js';
import './activation.css';
import '../../app/ui/page.css';

/**
 * Workgroup activation: a member is only offered ACD interactions of the workgroups they are
 * active in. One's own (activate-self); a supervisor may pick another user (activate-others).
 */
export default function ActivationView() {
  const { client, info, hasRight } = useSession();
  const toast = useToast();
  const users = useUsers();
  const workgroups = useWorkgroups();
  const [userId, setUserId] = useState(info.userId);
  const [state, setState] = useState<UserActivations>();
  const [error, setError] = useState<unknown>();
  const [saving, setSaving] = useState<string>();
  const mayChooseUser = hasRight({ type: 'security', right: 'supervisor-features' });

  const load = useCallback(() => {
    getActivations(client, userId).then(
      (a) => {
        setState(a);
        setError(undefined);
      },
      (e: unknown) => setError(e),
    );
  }, [client, userId]);
  useEffect(load, [load]);

  const toggle = async (workgroupId: string, active: boolean) => {
    setSaving(workgroupId);
    try {
      setState(await setActivations(client, userId, [{ workgroupId, active }]));
      setError(undefined);
    } catch (e) {
      toast({ kind: 'error', text: errorViewOf(e).message });
    } finally {
      setSaving(undefined);
    }
  };
  const setAll = async (active: boolean) => {
    if (!state) return;
    try {
      setState(
        await setActivations(
          client,
          userId,
          state.workgroups.map((w) => ({ workgroupId: w.workgroupId, active })),
        ),
      );
    } catch (e) {
      toast({ kind: 'error', text: errorViewOf(e).message });
    }
  };
  const nameOf = (id: string) => workgroups.data?.find((w) => w.id === id)?.displayName ?? id;

  return (
    <div className="page stack activation-view">
      <header className="row view-header">
        <h1>Workgroup activation</h1>
        {mayChooseUser ? (
          <select
            aria-label="User"
            data-testid="activation-user"
            value={userId}
            onChange={(e) => setUserId(e.target.value)}
          >
            {(users.data ?? [{ id: info.userId, displayName: info.displayName }]).map((u) => (
              <option key={u.id} value={u.id}>
                {u.displayName}
              </option>
            ))}
          </select>
        ) : null}
      </header>
      <p className="muted">ACD interactions of a workgroup are offered only while you are active in it.</p>
      {error ? (
        <ErrorNote tone={errorViewOf(error).kind === 'forbidden' ? 'forbidden' : 'error'}>
          {errorViewOf(error).message}
        </ErrorNote>
      ) : null}
      {state && state.workgroups.length === 0 ? <p>Not a member of any workgroup.</p> : null}
      {state && state.workgroups.length > 0 ? (
        <>
          <div className="row">
            <Button size="sm" onClick={() => void setAll(true)}>
              Activate all
            </Button>
            <Button size="sm" onClick={() => void setAll(false)}>
              Deactivate all
            </Button>
          </div>
          <ul className="activation-list card" data-testid="activations">
            {state.workgroups.map((w) => (
              <li key={w.workgroupId} className="row">
                <label className="switch row">
                  <input
                    type="checkbox"
                    role="switch"
                    checked={w.active}
                    disabled={saving === w.workgroupId}
                    data-testid={`activation-${w.workgroupId}`}
                    onChange={(e) => void toggle(w.workgroupId, e.target.checked)}
                  />
                  <span className="activation-name">{nameOf(w.workgroupId)}</span>
                </label>
                <span className={`badge ${w.active ? 'badge-success' : ''}`}>{w.active ? 'Active' : 'Inactive'}</span>
                {w.changedAt !== null ? (
                  <span className="muted activation-when">
                    changed {formatClock(w.changedAt)}
                    {w.changedBy && w.changedBy !== userId ? ` by ${w.changedBy}` : ''}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
