import { resetUserPassword } from '@tandem/client';
import { useId, useState } from 'react';
import { useSession } from '../../app/session-context.js';
import { Button } from '../../app/ui/button.js';
import { useToast } from '../../app/ui/toast.js';
import { errorViewOf } from './api-errors.js';

/** Sets a user's password; by default the user must change it at the next logon. */
export function PasswordReset({ userId }: { userId: string }) {
  const { client } = useSession();
  const toast = useToast();
  const id = useId();
  const [password, setPassword] = useState('');
  const [mustChange, setMustChange] = useState(true);
  const reset = async () => {
    try {
      await resetUserPassword(client, userId, password, mustChange);
      setPassword('');
      toast({ kind: 'success', text: `Password of ${userId} set` });
    } catch (error) {
      toast({ kind: 'error', text: errorViewOf(error).message });
    }
  };
  return (
    <section className="card password-reset stack" aria-label="Reset password">
      <h3>Reset password</h3>
      <div className="row">
        <div className="field">
          <label htmlFor={id}>New password</label>
          <input
            id={id}
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        <label className="row">
          <input type="checkbox" checked={mustChange} onChange={(e) => setMustChange(e.target.checked)} />
          Must change at next logon
        </label>
        <Button disabled={password === ''} onClick={() => void reset()}>
          Set password
        </Button>
      </div>
    </section>
  );
}
