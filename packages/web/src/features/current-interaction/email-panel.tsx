import { emailFileUrl, getEmail, replyToEmail, type EmailMessage, type InteractionView } from '@tandem/client';
import { useEffect, useState } from 'react';
import { useSession } from '../../app/session-store.js';
import { Button } from '../../app/ui/button.js';
import { errorText, useToast } from '../../app/ui/toast.js';
import { EmailComposer } from './email-composer.js';
import { addressList, emailDocument } from './email-model.js';

/**
 * An email interaction: a received message shows in a sandboxed frame (the server's sanitised HTML:
 * no scripts, no same-origin access), with reply, reply all and forward; a reply shows its draft.
 */
export default function EmailPanel(props: { interaction: InteractionView; onChanged: (ix: InteractionView) => void }) {
  const ix = props.interaction;
  const isReply = ix.direction === 'outbound' || ix.attributes['Email_Mode'] !== undefined;
  const [composing, setComposing] = useState<string | undefined>(isReply ? ix.id : undefined);
  if (composing)
    return <EmailComposer interactionId={composing} onClose={isReply ? undefined : () => setComposing(undefined)} />;
  return <EmailViewer interaction={ix} onReply={setComposing} />;
}

function EmailViewer(props: { interaction: InteractionView; onReply: (childId: string) => void }) {
  const { client, info } = useSession();
  const toast = useToast();
  const ix = props.interaction;
  const [message, setMessage] = useState<EmailMessage | undefined>();
  const [remote, setRemote] = useState(false);
  const [error, setError] = useState<string | undefined>();

  useEffect(() => {
    getEmail(client, ix.id, remote).then(setMessage, (e: unknown) => setError(errorText(e)));
  }, [client, ix.id, remote]);

  const reply = async (mode: 'reply' | 'reply-all' | 'forward') => {
    try {
      const { interaction } = await replyToEmail(client, ix.id, { mode });
      props.onReply(interaction.id);
    } catch (e) {
      toast({ kind: 'error', text: errorText(e) });
    }
  };

  if (error) return <p className="field-error">{error}</p>;
  if (!message) return <div className="loading muted">Loading the message…</div>;
  const mayReply = ix.userId === info.userId && ix.state !== 'acd-alerting' && ix.state !== 'alerting';
  return (
    <div className="email">
      <div className="email-head">
        <h3 data-testid="email-subject-view">{message.subject || '(no subject)'}</h3>
        <div>
          <span className="muted">From</span> {addressList([message.from])}
        </div>
        <div>
          <span className="muted">To</span> {addressList(message.to)}
          {message.cc.length ? (
            <>
              {' '}
              <span className="muted">Cc</span> {addressList(message.cc)}
            </>
          ) : null}
        </div>
        <div className="row email-actions">
          <Button
            size="sm"
            variant="primary"
            disabled={!mayReply}
            data-testid="email-reply"
            onClick={() => void reply('reply')}
          >
            Reply
          </Button>
          <Button size="sm" disabled={!mayReply} data-testid="email-reply-all" onClick={() => void reply('reply-all')}>
            Reply all
          </Button>
          <Button size="sm" disabled={!mayReply} data-testid="email-forward" onClick={() => void reply('forward')}>
            Forward
          </Button>
          {message.blockedImages > 0 && !remote ? (
            <Button size="sm" variant="ghost" onClick={() => setRemote(true)}>
              Show {message.blockedImages} remote image{message.blockedImages > 1 ? 's' : ''}
            </Button>
          ) : null}
        </div>
      </div>
      <iframe
        className="email-frame"
        title={`Email: ${message.subject}`}
        sandbox="allow-popups allow-popups-to-escape-sandbox"
        srcDoc={emailDocument(message)}
        data-testid="email-frame"
      />
      {message.attachments.filter((a) => !a.inline).length > 0 ? (
        <ul className="email-files" aria-label="Attachments">
          {message.attachments
            .filter((a) => !a.inline)
            .map((a) => (
              <li key={a.id}>
                <a href={emailFileUrl(client, ix.id, a.id)} download={a.filename}>
                  {a.filename}
                </a>{' '}
                <span className="muted">{Math.ceil(a.size / 1024)} KB</span>
              </li>
            ))}
        </ul>
      ) : null}
    </div>
  );
}
