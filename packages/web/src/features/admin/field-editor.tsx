import { useId, type ReactNode } from 'react';
import { issuesAt, issuesUnder, parseNumberInput, parseScalarInput, textOf, type FieldIssue } from './form-body.js';
import {
  KeyedEditor,
  MapEditor,
  ObjectListEditor,
  OptionListEditor,
  ReferenceListEditor,
  TextListEditor,
} from './list-editors.js';
import { useRefOptions } from './reference-options.js';
import { RightsEditor } from './rights-editor.js';
import type { FieldSpec } from './schema-form.js';
import { SkillsEditor } from './skills-editor.js';

export interface FieldEditorProps {
  field: FieldSpec;
  value: unknown;
  onChange: (value: unknown) => void;
  /** The field's path in the body (`skills.0.proficiency`): names it in issues and test ids. */
  path: string;
  issues: readonly FieldIssue[];
  /** Editing an existing record: fields that cannot change (the id) are read-only. */
  readOnly?: boolean;
}

export function Issues({ issues }: { issues: readonly FieldIssue[] }) {
  if (issues.length === 0) return null;
  return (
    <div className="field-error" role="alert">
      {issues.map((i) => (
        <div key={`${i.path}:${i.message}`}>
          {issues.length > 1 || i.path.includes('.') ? `${i.path}: ` : ''}
          {i.message}
        </div>
      ))}
    </div>
  );
}

/** A label, the control and its issues; `group` fields get a fieldset with a legend. */
function Frame(props: {
  field: FieldSpec;
  path: string;
  id: string;
  issues: readonly FieldIssue[];
  group?: boolean;
  children: ReactNode;
}) {
  const { field } = props;
  const title = `${field.label}${field.required ? ' *' : ''}`;
  if (props.group)
    return (
      <fieldset className="field field-group" data-field={props.path}>
        <legend>{title}</legend>
        {props.children}
        <Issues issues={props.issues} />
      </fieldset>
    );
  return (
    <div className="field" data-field={props.path}>
      <label htmlFor={props.id}>{title}</label>
      {props.children}
      {field.description ? <span className="muted field-hint">{field.description}</span> : null}
      <Issues issues={props.issues} />
    </div>
  );
}

const GROUP_KINDS = new Set(['object', 'object-list', 'union-list', 'keyed', 'list', 'map']);

/** The editor for one field of the schema-driven form, chosen by the field's kind. */
export function FieldEditor(props: FieldEditorProps) {
  const id = useId();
  const { field, path } = props;
  const group = GROUP_KINDS.has(field.kind);
  // Nested editors show their own fields' issues; a list of texts has none, so it shows them all.
  const issues = field.kind === 'list' ? issuesUnder(props.issues, path) : issuesAt(props.issues, path);
  return (
    <Frame field={field} path={path} id={id} issues={issues} group={group}>
      <Control {...props} id={id} invalid={issues.length > 0} />
    </Frame>
  );
}

function Control(props: FieldEditorProps & { id: string; invalid: boolean }) {
  const { field, value, onChange, id, path } = props;
  const common = { id, 'aria-invalid': props.invalid || undefined, 'data-testid': `field-${path}` };
  switch (field.kind) {
    case 'text':
      if (field.pattern?.startsWith('^#[0-9a-fA-F]{6}'))
        return <ColorInput common={common} value={value} onChange={onChange} />;
      return field.multiline ? (
        <textarea
          {...common}
          rows={4}
          value={textOf(value ?? '')}
          maxLength={field.maxLength}
          onChange={(e) => onChange(e.target.value)}
        />
      ) : (
        <input
          {...common}
          type={field.secret ? 'password' : field.format === 'email' ? 'email' : 'text'}
          value={textOf(value ?? '')}
          maxLength={field.maxLength}
          readOnly={props.readOnly}
          autoComplete={field.secret ? 'new-password' : 'off'}
          onChange={(e) => onChange(e.target.value)}
        />
      );
    case 'number':
      return (
        <input
          {...common}
          type="number"
          inputMode="numeric"
          min={field.min}
          max={field.max}
          step={field.integer ? 1 : 'any'}
          value={value === undefined ? '' : textOf(value)}
          onChange={(e) => onChange(parseNumberInput(e.target.value))}
        />
      );
    case 'boolean':
      return (
        <input
          {...common}
          type="checkbox"
          className="checkbox"
          checked={value === true}
          onChange={(e) => onChange(e.target.checked)}
        />
      );
    case 'choice':
      return (
        <select
          {...common}
          value={textOf(value ?? '')}
          onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
        >
          {field.required ? null : <option value="">—</option>}
          {field.options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      );
    case 'scalar':
      return typeof value === 'boolean' ? (
        <input
          {...common}
          type="checkbox"
          className="checkbox"
          checked={value}
          onChange={(e) => onChange(e.target.checked)}
        />
      ) : (
        <input
          {...common}
          type="text"
          value={textOf(value ?? '')}
          onChange={(e) => onChange(parseScalarInput(e.target.value, value))}
        />
      );
    case 'reference':
      return (
        <ReferenceSelect
          {...common}
          refKind={field.refKind}
          required={field.required}
          value={value}
          onChange={onChange}
        />
      );
    case 'list':
      if (field.options)
        return <OptionListEditor options={field.options} value={value} onChange={onChange} label={field.label} />;
      if (field.refKind)
        return (
          <ReferenceListEditor
            refKind={field.refKind}
            value={value}
            onChange={onChange}
            label={field.label}
            path={path}
          />
        );
      return <TextListEditor value={value} onChange={onChange} label={field.label} />;
    case 'object':
      return (
        <div className="field-grid">
          {field.fields.map((f) => (
            <FieldEditor
              key={f.name}
              field={f}
              path={`${path}.${f.name}`}
              value={(value as Record<string, unknown> | undefined)?.[f.name]}
              issues={props.issues}
              onChange={(v) => onChange({ ...(value ?? {}), [f.name]: v })}
            />
          ))}
        </div>
      );
    case 'object-list':
      if (field.name === 'skills')
        return <SkillsEditor field={field} value={value} onChange={onChange} path={path} issues={props.issues} />;
      return <ObjectListEditor field={field} value={value} onChange={onChange} path={path} issues={props.issues} />;
    case 'union-list':
      return <RightsEditor field={field} value={value} onChange={onChange} path={path} issues={props.issues} />;
    case 'keyed':
      return <KeyedEditor field={field} value={value} onChange={onChange} path={path} issues={props.issues} />;
    case 'map':
      return <MapEditor value={value} onChange={onChange} label={field.label} maxLength={field.maxLength} />;
    case 'json':
      return (
        <textarea
          {...common}
          rows={4}
          className="mono"
          value={typeof value === 'string' ? value : JSON.stringify(value ?? null, null, 2)}
          onChange={(e) => onChange(e.target.value)}
        />
      );
  }
}

function ReferenceSelect(props: {
  id: string;
  refKind: string;
  required: boolean;
  value: unknown;
  onChange: (value: unknown) => void;
  'aria-invalid'?: boolean | undefined;
  'data-testid': string;
}) {
  const options = useRefOptions(props.refKind);
  const value = typeof props.value === 'string' ? props.value : '';
  const known = options.some((o) => o.id === value);
  return (
    <select
      id={props.id}
      aria-invalid={props['aria-invalid']}
      data-testid={props['data-testid']}
      value={value}
      onChange={(e) => props.onChange(e.target.value === '' ? undefined : e.target.value)}
    >
      <option value="">{props.required ? 'Choose…' : '—'}</option>
      {!known && value ? <option value={value}>{value}</option> : null}
      {options.map((o) => (
        <option key={o.id} value={o.id}>
          {o.label === o.id ? o.id : `${o.label} (${o.id})`}
        </option>
      ))}
    </select>
  );
}

/** A `#rrggbb` colour: the browser's picker and the text, kept in step. */
function ColorInput(props: { common: Record<string, unknown>; value: unknown; onChange: (value: unknown) => void }) {
  const text = typeof props.value === 'string' ? props.value : '';
  return (
    <div className="row color-input">
      <input
        type="color"
        aria-label="Pick a colour"
        value={/^#[0-9a-fA-F]{6}$/.test(text) ? text : '#2457d6'}
        onChange={(e) => props.onChange(e.target.value)}
      />
      <input
        {...props.common}
        type="text"
        placeholder="#rrggbb"
        value={text}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </div>
  );
}
