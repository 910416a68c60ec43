import { createConfig, deleteConfig, getConfig, updateConfig, type ConfigRecord } from '@tandem/client';
import { useEffect, useRef, useState } from 'react';
import { useSession } from '../../app/session-context.js';
import { Button } from '../../app/ui/button.js';
import { Dialog } from '../../app/ui/dialog.js';
import { ErrorNote } from '../../app/ui/error-note.js';
import { useToast } from '../../app/ui/toast.js';
import { errorViewOf, type ErrorView } from './api-errors.js';
import { titleOf, type KindSchema } from './config-kinds.js';
import { FieldEditor } from './field-editor.js';
import { bodyOf, checkBody, textOf, type FieldIssue } from './form-body.js';
import { PasswordReset } from './password-reset.js';
import { initialValues, valuesFromRecord, type FieldSpec } from './schema-form.js';
import { WidgetEmbed } from './widget-embed.js';

export interface RecordEditorProps {
  schema: KindSchema;
  /** The stored record, or undefined to create one. */
  record: ConfigRecord | undefined;
  canModify: boolean;
  onSaved: (record: ConfigRecord) => void;
  onDeleted: (id: string) => void;
  /** Opens another record (a referrer named by a refused delete). */
  onOpen: (kind: string, id: string) => void;
}

function ErrorPanel({
  view,
  onReload,
  onOpen,
}: {
  view: ErrorView;
  onReload: () => void;
  onOpen: (kind: string, id: string) => void;
}) {
  switch (view.kind) {
    case 'forbidden':
      return (
        <ErrorNote tone="forbidden" testId="admin-error">
          The server refused: {view.message}
        </ErrorNote>
      );
    case 'conflict':
      return (
        <ErrorNote tone="conflict" testId="admin-error">
          Someone else saved this record after you opened it ({view.message}). Reload it to see their change, then make
          yours again.{' '}
          <Button size="sm" onClick={onReload} data-testid="action-reload">
            Reload
          </Button>
        </ErrorNote>
      );
    case 'referenced':
      return (
        <ErrorNote title="Still in use" testId="admin-error">
          It cannot be deleted while these refer to it:
          <ul className="referrers">
            {view.referrers.map((r) => (
              <li key={`${r.kind}/${r.id}/${r.field ?? ''}`}>
                <button type="button" className="link-button" onClick={() => onOpen(r.kind, r.id)}>
                  {titleOf(r.kind)}: {r.id}
                </button>
                {r.field ? <span className="muted"> ({r.field})</span> : null}
              </li>
            ))}
          </ul>
        </ErrorNote>
      );
    default:
      return <ErrorNote testId="admin-error">{view.message}</ErrorNote>;
  }
}

/**
 * The form values of a stored record. A server parameter still at its catalogue default comes with
 * the catalogue's description, which is shown as text, not copied into the parameter on save.
 */
function editableValues(fields: readonly FieldSpec[], record: ConfigRecord): Record<string, unknown> {
  const values = valuesFromRecord(fields, record);
  if (record['configured'] === false) delete values['description'];
  return values;
}

/** The schema-driven editor of one configuration record: create, replace (If-Match), delete. */
export function RecordEditor(props: RecordEditorProps) {
  const { schema, canModify } = props;
  const { client } = useSession();
  const toast = useToast();
  const isNew = props.record === undefined;
  const fields = isNew ? schema.createFields : schema.updateFields;
  const [record, setRecord] = useState(props.record);
  const [values, setValues] = useState(() =>
    props.record ? editableValues(fields, props.record) : initialValues(fields),
  );
  const [id, setId] = useState('');
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [failure, setFailure] = useState<ErrorView>();
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const form = useRef<HTMLFormElement>(null);

  // On a narrow screen the editor sits below the list: bring it into view when a record is opened.
  useEffect(() => {
    if (window.matchMedia('(max-width: 760px)').matches) form.current?.scrollIntoView({ block: 'start' });
  }, []);

  // Another record, or the same one reloaded, replaces the form.
  const [shown, setShown] = useState({ record: props.record, fields });
  if (shown.record !== props.record || shown.fields !== fields) {
    setShown({ record: props.record, fields });
    setRecord(props.record);
    setValues(props.record ? editableValues(fields, props.record) : initialValues(fields));
    setIssues([]);
    setFailure(undefined);
  }

  const fail = (error: unknown) => {
    const view = errorViewOf(error);
    setFailure(view);
    if (view.kind === 'invalid') setIssues(view.issues);
  };

  const save = async () => {
    const body = bodyOf(fields, values);
    const found = [...(isNew ? checkBody([schema.idField], { id }) : []), ...checkBody(fields, body)];
    setIssues(found);
    setFailure(found.length ? { kind: 'invalid', message: 'Some fields need attention.', issues: found } : undefined);
    if (found.length) return;
    setBusy(true);
    try {
      const saved = isNew
        ? await createConfig(client, schema.kind, { id, ...body })
        : await updateConfig(client, schema.kind, (record as ConfigRecord).id, body, record?.revision);
      setRecord(saved);
      toast({ kind: 'success', text: `${isNew ? 'Created' : 'Saved'} ${saved.id}` });
      props.onSaved(saved);
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };

  const reload = async () => {
    if (!record) return;
    try {
      const fresh = await getConfig(client, schema.kind, record.id);
      setRecord(fresh);
      setValues(editableValues(fields, fresh));
      setFailure(undefined);
      setIssues([]);
    } catch (error) {
      fail(error);
    }
  };

  const remove = async () => {
    setConfirming(false);
    if (!record) return;
    try {
      await deleteConfig(client, schema.kind, record.id);
      toast({ kind: 'success', text: `Deleted ${record.id}` });
      props.onDeleted(record.id);
    } catch (error) {
      fail(error);
    }
  };

  const title = isNew ? `New ${schema.title.toLowerCase().replace(/s$/, '')}` : record?.id;
  return (
    <form
      ref={form}
      className="record-editor card stack"
      aria-label={isNew ? title : `${schema.title}: ${record?.id ?? ''}`}
      data-testid="record-editor"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <header className="row">
        <h2>{title}</h2>
        {record?.revision !== undefined ? <span className="badge">revision {record.revision}</span> : null}
        {record?.['configured'] === false ? <span className="badge badge-warning">default</span> : null}
      </header>
      {typeof record?.['description'] === 'string' && schema.kind === 'server-parameters' ? (
        <p className="muted">{record['description']}</p>
      ) : null}
      <fieldset className="field-grid" disabled={!canModify || busy}>
        {isNew ? (
          <FieldEditor
            field={schema.idField}
            path="id"
            value={id}
            issues={issues}
            onChange={(v) => setId(textOf(v ?? ''))}
          />
        ) : null}
        {fields.map((f) => (
          <FieldEditor
            key={f.name}
            field={f}
            path={f.name}
            value={values[f.name]}
            issues={issues}
            onChange={(v) => setValues((old) => ({ ...old, [f.name]: v }))}
          />
        ))}
      </fieldset>
      {failure ? <ErrorPanel view={failure} onReload={() => void reload()} onOpen={props.onOpen} /> : null}
      <footer className="row editor-actions">
        {canModify ? (
          <Button type="submit" variant="primary" disabled={busy} data-testid="action-save">
            {isNew ? 'Create' : 'Save'}
          </Button>
        ) : (
          <span className="muted">You may view this but not change it.</span>
        )}
        <span className="spacer" />
        {canModify && !isNew && record?.['configured'] !== false ? (
          <Button variant="danger" onClick={() => setConfirming(true)} data-testid="action-delete">
            Delete
          </Button>
        ) : null}
      </footer>
      {!isNew && schema.kind === 'widgets' && record ? <WidgetEmbed widgetId={record.id} /> : null}
      {!isNew && schema.kind === 'users' && record && canModify ? <PasswordReset userId={record.id} /> : null}
      {confirming && record ? (
        <Dialog
          title={`Delete ${record.id}?`}
          width="sm"
          onClose={() => setConfirming(false)}
          testId="confirm-delete"
          footer={
            <>
              <Button onClick={() => setConfirming(false)}>Keep</Button>
              <Button variant="danger" onClick={() => void remove()} data-testid="action-confirm-delete">
                Delete
              </Button>
            </>
          }
        >
          <p>
            {titleOf(schema.kind)}: <strong>{record.id}</strong> will be deleted. The server refuses while other records
            refer to it.
          </p>
        </Dialog>
      ) : null}
    </form>
  );
}
