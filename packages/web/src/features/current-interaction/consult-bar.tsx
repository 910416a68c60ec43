import { cancelConsult, completeConsult, getInteraction, type InteractionView } from '@tandem/client';
import { useEffect, useState } from 'react';
import { useSession } from '../../app/session-store.js';
import { Button } from '../../app/ui/button.js';
import { errorText, useToast } from '../../app/ui/toast.js';
import { nameOf } from '../my-interactions/interaction-model.js';

/** While a consult (intercom chat with a colleague) of this chat is live: complete the transfer or cancel it. */
export function ConsultBar(props: { interaction: InteractionView; onChanged: (ix: InteractionView) => void }) {
  const { client } = useSession();
  const toast = useToast();
  const ix = props.interaction;
  const [consult, setConsult] = useState<InteractionView | undefined>();
  const children = ix.childIds.join(',');

  useEffect(() => {
    let live = true;
    const ids = children ? children.split(',') : [];
    void Promise.all(ids.map((id) => getInteraction(client, id).catch(() => undefined))).then((found) => {
      if (!live) return;
      setConsult(found.find((c) => c && c.direction === 'intercom' && c.state !== 'disconnected'));
    });
    return () => {
      live = false;
    };
  }, [client, children, ix.version]);

  if (!consult) return null;
  const run = async (what: 'complete' | 'cancel') => {
    try {
      const next =
        what === 'complete'
          ? await completeConsult(client, ix.id, consult.id)
          : await cancelConsult(client, ix.id, consult.id);
      props.onChanged(next);
      setConsult(undefined);
    } catch (e) {
      toast({ kind: 'error', text: errorText(e) });
    }
  };
  return (
    <div className="consult-bar" role="status" data-testid="consult-bar">
      <span>
        Consulting <strong>{nameOf(consult)}</strong> ({consult.displayState})
      </span>
      <Button size="sm" variant="primary" data-testid="consult-complete" onClick={() => void run('complete')}>
        Complete transfer
      </Button>
      <Button size="sm" data-testid="consult-cancel" onClick={() => void run('cancel')}>
        Cancel consult
      </Button>
    </div>
  );
}
