import { listConfig, type ConfigRecord } from '@tandem/client';
import { useEffect, useMemo, useState } from 'react';
import { useSession } from '../../app/session-context.js';
import { Button } from '../../app/ui/button.js';
import { ErrorNote } from '../../app/ui/error-note.js';
import { forgetDirectory } from '../directory/use-directory.js';
import { errorViewOf, type ErrorView } from './api-errors.js';
import { summaryOf, type KindSchema } from './config-kinds.js';
import { RecordEditor } from './record-editor.js';
import { ReferenceOptions } from './reference-options.js';
import type { FieldSpec } from './schema-form.js';
import { useConfigKinds } from './use-config-kinds.js';
import './admin.css';
import '../../app/ui/page.css';

const KIND_KEY = 'tandem.admin.kind';

/** Every kind a form's fields refer to (reference lists, skills, rights targets). */
function refKindsOf(fields: readonly FieldSpec[]): string[] {
  return fields.flatMap((f): string[] => {
    if (f.kind === 'reference' || f.kind === 'list') return f.refKind ? [f.refKind] : [];
    if (f.kind === 'object' || f.kind === 'object-list' || f.kind === 'keyed') return refKindsOf(f.fields);
    if (f.kind === 'union-list')
      return ['users', 'workgroups', 'status-messages', ...f.variants.flatMap((v) => refKindsOf(v.fields))];
    return [];
  });
}

function RecordList(props: {
  schema: KindSchema;
  records: ConfigRecord[];
  selected: string | undefined;
  onSelect: (id: string) => void;
}) {
  const [filter, setFilter] = useState('');
  const words = filter.toLowerCase();
  const shown = props.records.filter((r) => !words || `${r.id} ${summaryOf(r)}`.toLowerCase().includes(words));
  return (
    <div className="record-list stack">
      <input
        type="search"
        aria-label={`Search ${props.schema.title.toLowerCase()}`}
        placeholder={`Search ${props.schema.title.toLowerCase()}…`}
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
      />
      <ul className="records card" aria-label={props.schema.title} data-testid={`records-${props.schema.kind}`}>
        {shown.map((r) => (
          <li key={r.id}>
            <button
              type="button"
              aria-current={r.id === props.selected ? 'true' : undefined}
              className={r.id === props.selected ? 'selected' : ''}
              data-testid={`record-${r.id}`}
              onClick={() => props.onSelect(r.id)}
            >
              <span className="record-id">{r.id}</span>
              <span className="muted record-summary">{summaryOf(r) === r.id ? '' : summaryOf(r)}</span>
            </button>
          </li>
        ))}
        {shown.length === 0 ? <li className="muted empty">Nothing here.</li> : null}
      </ul>
    </div>
  );
}

/** Administration: every configuration kind of the server, listed and edited through one schema-driven editor. */
export default function AdminView() {
  const { client, hasRight } = useSession();
  const { kinds, error } = useConfigKinds();
  const viewable = useMemo(
    () => (kinds ?? []).filter((k) => hasRight({ type: 'admin', area: k.kind, access: 'view' })),
    [kinds, hasRight],
  );
  const [kind, setKind] = useState(() => sessionStorage.getItem(KIND_KEY) ?? 'users');
  const schema = viewable.find((k) => k.kind === kind) ?? viewable[0];
  const [records, setRecords] = useState<ConfigRecord[] | undefined>();
  const [loadError, setLoadError] = useState<ErrorView>();
  const [selected, setSelected] = useState<string>(); // a record's id, or 'new'
  const [version, setVersion] = useState(0);
  const canModify = schema ? hasRight({ type: 'admin', area: schema.kind, access: 'modify' }) : false;

  useEffect(() => {
    if (!schema) return;
    let live = true; // an answer for the kind shown before is dropped
    listConfig(client, schema.kind).then(
      (page) => {
        if (!live) return;
        setRecords(page.items);
        setLoadError(undefined);
      },
      (e: unknown) => {
        if (!live) return;
        setRecords([]);
        setLoadError(errorViewOf(e));
      },
    );
    return () => {
      live = false;
    };
  }, [client, schema, version]);

  const choose = (next: string) => {
    if (next !== schema?.kind) setRecords(undefined);
    setKind(next);
    sessionStorage.setItem(KIND_KEY, next);
    setSelected(undefined);
  };
  const changed = () => {
    forgetDirectory(client);
    setVersion((v) => v + 1);
  };
  const record = selected && selected !== 'new' ? records?.find((r) => r.id === selected) : undefined;
  const refKinds = useMemo(
    () => (schema ? refKindsOf([...schema.createFields, ...schema.updateFields]) : []),
    [schema],
  );

  if (error) return <ErrorNote>{errorViewOf(error).message}</ErrorNote>;
  return (
    <div className="page stack admin-view">
      <header className="row view-header">
        <h1>Administration</h1>
      </header>
      <nav className="row admin-kinds" aria-label="Configuration">
        {viewable.map((k) => (
          <button
            key={k.kind}
            type="button"
            className={`chip ${k === schema ? 'chip-on' : ''}`}
            aria-current={k === schema ? 'page' : undefined}
            data-testid={`admin-kind-${k.kind}`}
            onClick={() => choose(k.kind)}
          >
            {k.title}
          </button>
        ))}
      </nav>
      {schema ? (
        <div className="admin-body">
          <div className="stack">
            <div className="row">
              <h2>{schema.title}</h2>
              <span className="muted">{records?.length ?? ''}</span>
              <span className="spacer" />
              {canModify ? (
                <Button size="sm" variant="primary" data-testid="action-new" onClick={() => setSelected('new')}>
                  New
                </Button>
              ) : null}
            </div>
            {loadError ? (
              <ErrorNote tone={loadError.kind === 'forbidden' ? 'forbidden' : 'error'}>{loadError.message}</ErrorNote>
            ) : records ? (
              <RecordList schema={schema} records={records} selected={selected} onSelect={setSelected} />
            ) : (
              <p className="muted">Loading…</p>
            )}
          </div>
          <ReferenceOptions kinds={refKinds} version={version}>
            {selected ? (
              <RecordEditor
                key={`${schema.kind}/${selected}`}
                schema={schema}
                record={record}
                canModify={canModify}
                onSaved={(saved) => {
                  setRecords((list) => [...(list ?? []).filter((r) => r.id !== saved.id), saved]);
                  setSelected(saved.id);
                  changed();
                }}
                onDeleted={() => {
                  setSelected(undefined);
                  changed();
                }}
                onOpen={(k, id) => {
                  choose(k);
                  setSelected(id);
                }}
              />
            ) : (
              <p className="muted record-editor-empty">Choose a record, or create one.</p>
            )}
          </ReferenceOptions>
        </div>
      ) : kinds ? (
        <ErrorNote tone="forbidden">You hold no administrator right.</ErrorNote>
      ) : (
        <p className="muted">Loading…</p>
      )}
    </div>
  );
}
