import { getWrapUpCodes, interactionAction, type InteractionView, type WrapUpCodes } from '@tandem/client';
import { useEffect, useState } from 'react';
import { useSession } from '../../app/session-store.js';
import { useNow } from '../../app/use-now.js';
import { Button } from '../../app/ui/button.js';
import { Dialog } from '../../app/ui/dialog.js';
import { formatDuration } from '../../app/ui/format.js';
import { errorText } from '../../app/ui/toast.js';

/**
 * The wrap-up prompt: the codes of the workgroup, grouped by category, with the time left when the
 * server opened a prompt; choosing one sends it (the server checks it is one of the workgroup's).
 */
export function WrapUpDialog(props: {
  interaction: InteractionView;
  onClose: () => void;
  onDone: (ix: InteractionView) => void;
}) {
  const { client } = useSession();
  const [codes, setCodes] = useState<WrapUpCodes | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [filter, setFilter] = useState('');
  const now = useNow();
  const id = props.interaction.id;

  useEffect(() => {
    getWrapUpCodes(client, id).then(setCodes, (e: unknown) => setError(errorText(e)));
  }, [client, id]);

  const choose = async (code: string) => {
    try {
      props.onDone(await interactionAction(client, id, 'wrap-up', { code }));
    } catch (e) {
      setError(errorText(e));
    }
  };

  const shown = (codes?.codes ?? []).filter((c) => c.displayName.toLowerCase().includes(filter.toLowerCase()));
  const left = codes?.pending ? codes.pending.deadline - now : undefined;
  return (
    <Dialog title="Wrap-up" onClose={props.onClose} width="sm" testId="wrap-up-dialog">
      <div className="stack">
        <p className="muted">
          {codes?.workgroupId ? `Workgroup ${codes.workgroupId}. ` : ''}
          {left !== undefined ? `Time left: ${formatDuration(left)}` : 'Choose how this interaction ended.'}
        </p>
        {(codes?.codes.length ?? 0) > 6 ? (
          <input
            aria-label="Filter wrap-up codes"
            placeholder="Filter"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
          />
        ) : null}
        <div className="wrap-up-codes" role="list">
          {shown.map((c) => (
            <Button key={c.id} role="listitem" data-testid={`wrap-up-code-${c.id}`} onClick={() => void choose(c.id)}>
              {c.displayName}
              {c.category ? <span className="muted"> · {c.category}</span> : null}
            </Button>
          ))}
          {codes && codes.codes.length === 0 ? <p className="muted">This workgroup has no wrap-up codes.</p> : null}
        </div>
        {error ? (
          <p className="field-error" role="alert">
            {error}
          </p>
        ) : null}
      </div>
    </Dialog>
  );
}
