import {
  TandemApiError,
  getDraft,
  saveDraft,
  sendDraft,
  uploadDraftFile,
  type EmailDraft,
  type EmailFile,
} from '@tandem/client';
import { useEffect, useState } from 'react';
import { useSession } from '../../app/session-store.js';
import { Button } from '../../app/ui/button.js';
import { errorText, useToast } from '../../app/ui/toast.js';
import { addressList, parseAddresses } from './email-model.js';

interface Fields {
  to: string;
  cc: string;
  subject: string;
  text: string;
}

/** The draft of a reply or forward: addresses, subject, text and files; saved, then sent through the server. */
export function EmailComposer(props: { interactionId: string; onClose: (() => void) | undefined }) {
  const { client } = useSession();
  const toast = useToast();
  const id = props.interactionId;
  const [draft, setDraft] = useState<EmailDraft | undefined>();
  const [fields, setFields] = useState<Fields>({ to: '', cc: '', subject: '', text: '' });
  const [files, setFiles] = useState<EmailFile[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    getDraft(client, id).then(
      (d) => {
        setDraft(d);
        setFields({ to: addressList(d.to), cc: addressList(d.cc), subject: d.subject, text: d.text });
        setFiles(d.attachments);
      },
      (e: unknown) => toast({ kind: 'error', text: errorText(e) }),
    );
  }, [client, id, toast]);

  const save = async () => {
    setErrors({});
    const saved = await saveDraft(client, id, {
      to: parseAddresses(fields.to),
      cc: parseAddresses(fields.cc),
      subject: fields.subject,
      text: fields.text,
      html: '',
      attachmentIds: files.map((f) => f.id),
    });
    setDraft(saved);
    return saved;
  };

  const run = async (what: () => Promise<unknown>, done?: string) => {
    setBusy(true);
    try {
      await what();
      if (done) toast({ kind: 'success', text: done });
    } catch (e) {
      if (e instanceof TandemApiError)
        setErrors(
          Object.fromEntries(e.issues.map((i) => [i.path.replace(/^body\./, '').split('.')[0] ?? '', i.message])),
        );
      toast({ kind: 'error', text: errorText(e) });
    } finally {
      setBusy(false);
    }
  };

  const attach = (list: FileList | null) =>
    void run(async () => {
      for (const file of [...(list ?? [])]) {
        const stored = await uploadDraftFile(client, id, { name: file.name, type: file.type, data: file });
        setFiles((current) => [...current, stored]);
      }
    });

  if (!draft) return <div className="loading muted">Loading the draft…</div>;
  const sent = draft.sentAt !== null;
  const field = (name: keyof Fields, label: string, testId: string) => (
    <div className="field">
      <label htmlFor={`email-${name}`}>{label}</label>
      <input
        id={`email-${name}`}
        value={fields[name]}
        disabled={sent}
        data-testid={testId}
        onChange={(e) => setFields({ ...fields, [name]: e.target.value })}
      />
      {errors[name] ? <span className="field-error">{errors[name]}</span> : null}
    </div>
  );
  return (
    <form
      className="email-composer stack"
      onSubmit={(e) => e.preventDefault()}
      aria-label="Email reply"
      data-testid="email-composer"
    >
      {sent ? <p className="badge badge-success">Sent</p> : null}
      {field('to', 'To', 'email-to')}
      {field('cc', 'Cc', 'email-cc')}
      {field('subject', 'Subject', 'email-subject')}
      <div className="field">
        <label htmlFor="email-text">Message</label>
        <textarea
          id="email-text"
          rows={10}
          value={fields.text}
          disabled={sent}
          data-testid="email-body"
          onChange={(e) => setFields({ ...fields, text: e.target.value })}
        />
        {errors['text'] ? <span className="field-error">{errors['text']}</span> : null}
      </div>
      <div className="field">
        <label htmlFor="email-files">Attachments</label>
        <input
          id="email-files"
          type="file"
          multiple
          disabled={sent || busy}
          data-testid="email-attach"
          onChange={(e) => attach(e.target.files)}
        />
        <ul className="email-files">
          {files.map((f) => (
            <li key={f.id}>
              {f.filename} <span className="muted">{Math.ceil(f.size / 1024)} KB</span>{' '}
              {!sent ? (
                <button
                  type="button"
                  className="btn btn-ghost btn-sm"
                  aria-label={`Remove ${f.filename}`}
                  onClick={() => setFiles(files.filter((x) => x.id !== f.id))}
                >
                  ×
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      </div>
      <div className="row">
        <Button
          variant="primary"
          disabled={sent || busy}
          data-testid="email-send"
          onClick={() =>
            void run(async () => {
              await save();
              const { interaction } = await sendDraft(client, id);
              setDraft({ ...draft, sentAt: new Date().toISOString() });
              return interaction;
            }, 'Email sent')
          }
        >
          Send
        </Button>
        <Button disabled={sent || busy} data-testid="email-save" onClick={() => void run(save, 'Draft saved')}>
          Save draft
        </Button>
        {props.onClose ? <Button onClick={props.onClose}>Back to the message</Button> : null}
      </div>
    </form>
  );
}
