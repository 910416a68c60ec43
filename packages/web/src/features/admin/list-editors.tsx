import { useId, useState } from 'react';
import { Button } from '../../app/ui/button.js';
import { FieldEditor } from './field-editor.js';
import type { FieldIssue } from './form-body.js';
import { useRefOptions } from './reference-options.js';
import { newItemOf, type FieldSpec } from './schema-form.js';

const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const asStrings = (value: unknown): string[] => asList(value).filter((v): v is string => typeof v === 'string');
const asRecord = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/** Removable chips for the chosen values, and an input to add more (`datalist` suggestions). */
function Chips(props: {
  values: string[];
  labelOf: (id: string) => string;
  suggestions: { id: string; label: string }[];
  label: string;
  testId?: string;
  onChange: (values: string[]) => void;
}) {
  const [draft, setDraft] = useState('');
  const listId = useId();
  const add = () => {
    const typed = draft.trim();
    // Typing a name picks its id; otherwise the typed text is the id.
    const match = props.suggestions.find((s) => s.label.toLowerCase() === typed.toLowerCase())?.id ?? typed;
    if (match && !props.values.includes(match)) props.onChange([...props.values, match]);
    setDraft('');
  };
  return (
    <div className="chips-editor">
      <ul className="chips" aria-label={props.label}>
        {props.values.map((v) => (
          <li key={v} className="chip chip-on">
            {props.labelOf(v)}
            <button
              type="button"
              aria-label={`Remove ${props.labelOf(v)}`}
              onClick={() => props.onChange(props.values.filter((x) => x !== v))}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <div className="row">
        <input
          list={listId}
          aria-label={`Add to ${props.label}`}
          data-testid={props.testId}
          value={draft}
          placeholder="Add…"
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }}
        />
        <datalist id={listId}>
          {props.suggestions
            .filter((s) => !props.values.includes(s.id))
            .map((s) => (
              <option key={s.id} value={s.id}>
                {s.label}
              </option>
            ))}
        </datalist>
        <Button size="sm" onClick={add} disabled={draft.trim() === ''}>
          Add
        </Button>
      </div>
    </div>
  );
}

/** A list of free texts (labels, shift starts). */
export function TextListEditor(props: { value: unknown; onChange: (value: unknown) => void; label: string }) {
  const values = asStrings(props.value);
  return <Chips values={values} labelOf={(v) => v} suggestions={[]} label={props.label} onChange={props.onChange} />;
}

/** A list of ids of another kind (members, supervisors, roles, wrap-up codes…), chosen by name. */
export function ReferenceListEditor(props: {
  refKind: string;
  value: unknown;
  onChange: (value: unknown) => void;
  label: string;
  path: string;
}) {
  const options = useRefOptions(props.refKind);
  const values = asStrings(props.value);
  const labelOf = (id: string) => {
    const label = options.find((o) => o.id === id)?.label;
    return label && label !== id ? `${label} (${id})` : id;
  };
  return (
    <Chips
      values={values}
      labelOf={labelOf}
      suggestions={options}
      label={props.label}
      testId={`field-${props.path}`}
      onChange={props.onChange}
    />
  );
}

/** A list out of a fixed set (licences): one checkbox each. */
export function OptionListEditor(props: {
  options: string[];
  value: unknown;
  onChange: (value: unknown) => void;
  label: string;
}) {
  const values = asStrings(props.value);
  return (
    <div className="option-list" role="group" aria-label={props.label}>
      {props.options.map((o) => (
        <label key={o} className="row option">
          <input
            type="checkbox"
            checked={values.includes(o)}
            onChange={(e) => props.onChange(e.target.checked ? [...values, o] : values.filter((v) => v !== o))}
          />
          {o}
        </label>
      ))}
    </div>
  );
}

interface NestedProps {
  field: Extract<FieldSpec, { kind: 'object-list' } | { kind: 'keyed' }>;
  value: unknown;
  onChange: (value: unknown) => void;
  path: string;
  issues: readonly FieldIssue[];
}

/** A list of records of one shape (response items): one card per item with its fields. */
export function ObjectListEditor({ field, value, onChange, path, issues }: NestedProps) {
  const items = asList(value);
  const set = (i: number, item: unknown) => onChange(items.map((x, j) => (j === i ? item : x)));
  return (
    <div className="stack object-list">
      {items.map((item, i) => (
        <div key={i} className="object-item card">
          <div className="field-grid">
            {field.fields.map((f) => (
              <FieldEditor
                key={f.name}
                field={f}
                path={`${path}.${i}.${f.name}`}
                value={asRecord(item)[f.name]}
                issues={issues}
                onChange={(v) => set(i, { ...asRecord(item), [f.name]: v })}
              />
            ))}
          </div>
          <Button
            size="sm"
            variant="ghost"
            aria-label={`Remove item ${i + 1} of ${field.label}`}
            onClick={() => onChange(items.filter((_, j) => j !== i))}
          >
            Remove
          </Button>
        </div>
      ))}
      <div>
        <Button size="sm" onClick={() => onChange([...items, newItemOf(field)])}>
          Add {field.label.toLowerCase()}
        </Button>
      </div>
    </div>
  );
}

/** Values keyed by media type (utilization): one line per type present, add a type from the rest. */
export function KeyedEditor({ field, value, onChange, path, issues }: NestedProps) {
  const record = asRecord(value);
  const keyOptions = field.kind === 'keyed' ? field.keyOptions : [];
  const free = keyOptions.filter((k) => !(k in record));
  const [next, setNext] = useState('');
  return (
    <div className="stack">
      {Object.entries(record).map(([key, item]) => (
        <div key={key} className="row keyed-item">
          <strong className="keyed-key">{key}</strong>
          {field.fields.map((f) => (
            <FieldEditor
              key={f.name}
              field={f}
              path={`${path}.${key}.${f.name}`}
              value={asRecord(item)[f.name]}
              issues={issues}
              onChange={(v) => onChange({ ...record, [key]: { ...asRecord(item), [f.name]: v } })}
            />
          ))}
          <Button
            size="sm"
            variant="ghost"
            aria-label={`Remove ${key}`}
            onClick={() => onChange(Object.fromEntries(Object.entries(record).filter(([k]) => k !== key)))}
          >
            Remove
          </Button>
        </div>
      ))}
      {free.length > 0 ? (
        <div className="row">
          <select aria-label={`Add to ${field.label}`} value={next} onChange={(e) => setNext(e.target.value)}>
            <option value="">Add a type…</option>
            {free.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
          <Button
            size="sm"
            disabled={next === ''}
            onClick={() => {
              onChange({ ...record, [next]: newItemOf(field) });
              setNext('');
            }}
          >
            Add
          </Button>
        </div>
      ) : null}
    </div>
  );
}

/** Free keys with text values: one line per key, renamed or removed in place. */
export function MapEditor(props: {
  value: unknown;
  onChange: (value: unknown) => void;
  label: string;
  maxLength?: number | undefined;
}) {
  const [rows, setRows] = useState<[string, string][]>(() =>
    Object.entries(asRecord(props.value)).map(([k, v]) => [k, String(v)]),
  );
  // A reload or a saved record replaces the value: show its lines (lines without a name stay while typing).
  const [shownValue, setShownValue] = useState(props.value);
  if (props.value !== shownValue) {
    setShownValue(props.value);
    const current = JSON.stringify(Object.fromEntries(rows.filter(([k]) => k.trim() !== '')));
    if (current !== JSON.stringify(asRecord(props.value)))
      setRows(Object.entries(asRecord(props.value)).map(([k, v]) => [k, String(v)]));
  }
  const update = (next: [string, string][]) => {
    setRows(next);
    props.onChange(Object.fromEntries(next.filter(([k]) => k.trim() !== '')));
  };
  return (
    <div className="stack">
      {rows.map(([key, value], i) => (
        <div key={i} className="row map-row">
          <input
            aria-label={`${props.label}: name ${i + 1}`}
            placeholder="Name"
            value={key}
            onChange={(e) => update(rows.map((r, j) => (j === i ? [e.target.value, r[1]] : r)))}
          />
          <input
            aria-label={`${props.label}: value of ${key || `line ${i + 1}`}`}
            placeholder="Value"
            maxLength={props.maxLength}
            value={value}
            onChange={(e) => update(rows.map((r, j) => (j === i ? [r[0], e.target.value] : r)))}
          />
          <Button
            size="sm"
            variant="ghost"
            aria-label={`Remove ${key || `line ${i + 1}`}`}
            onClick={() => update(rows.filter((_, j) => j !== i))}
          >
            Remove
          </Button>
        </div>
      ))}
      <div>
        <Button size="sm" onClick={() => setRows([...rows, ['', '']])}>
          Add {props.label.toLowerCase()}
        </Button>
      </div>
    </div>
  );
}
