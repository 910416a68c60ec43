import { useId, useState } from 'react';
import { Button } from '../../app/ui/button.js';
import { describeRight } from './config-kinds.js';
import { FieldEditor, Issues } from './field-editor.js';
import { issuesUnder, textOf, type FieldIssue } from './form-body.js';
import { useRefOptions } from './reference-options.js';
import { newItemOf, type FieldSpec } from './schema-form.js';

type UnionField = Extract<FieldSpec, { kind: 'union-list' }>;
type Right = Record<string, unknown>;

/** The actions each workgroup/user/station queue level grants (to narrow a queue right). */
const LEVEL_ACTIONS: Record<string, Record<string, string[]>> = {
  user: {
    view: ['view'],
    modify: ['disconnect', 'hold', 'mute', 'pickup', 'transfer'],
    monitor: ['coach', 'join', 'listen', 'preview', 'record', 'snip'],
    search: ['transfer-target'],
  },
  station: {
    view: ['view'],
    modify: ['disconnect', 'hold', 'mute', 'pickup', 'transfer'],
    monitor: ['coach', 'join', 'listen', 'record'],
    search: ['transfer-target'],
  },
  workgroup: {
    view: ['view'],
    modify: ['disconnect', 'pickup', 'transfer', 'activate-self', 'activate-others'],
    monitor: ['coach', 'join', 'listen', 'monitor', 'record', 'snip'],
    search: ['transfer-target'],
  },
};

/** Which kind a right's target names. */
const TARGET_KINDS: Record<string, string> = {
  user: 'users',
  workgroup: 'workgroups',
  'status-message': 'status-messages',
  'response-library': 'response-libraries',
  'account-code': 'account-codes',
};

function TargetInput(props: { right: Right; value: unknown; path: string; onChange: (value: unknown) => void }) {
  const listId = useId();
  const scope = textOf(props.right['queueType'] ?? props.right['object'] ?? '');
  const options = useRefOptions(TARGET_KINDS[scope]);
  return (
    <div className="field">
      <label htmlFor={`${listId}-input`}>Target (* for all)</label>
      <input
        id={`${listId}-input`}
        list={listId}
        data-testid={`field-${props.path}`}
        value={textOf(props.value ?? '')}
        onChange={(e) => props.onChange(e.target.value)}
      />
      <datalist id={listId}>
        <option value="*">all</option>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.label}
          </option>
        ))}
      </datalist>
    </div>
  );
}

function ActionsInput(props: { right: Right; onChange: (value: unknown) => void }) {
  const all = LEVEL_ACTIONS[String(props.right['queueType'])]?.[String(props.right['level'])] ?? [];
  const chosen = Array.isArray(props.right['actions']) ? (props.right['actions'] as string[]) : undefined;
  if (all.length <= 1) return null;
  return (
    <fieldset className="field field-group">
      <legend>Actions (none ticked: all of the level)</legend>
      <div className="option-list">
        {all.map((a) => (
          <label key={a} className="row option">
            <input
              type="checkbox"
              checked={chosen?.includes(a) ?? false}
              onChange={(e) => {
                const next = e.target.checked ? [...(chosen ?? []), a] : (chosen ?? []).filter((x) => x !== a);
                props.onChange(next.length ? next : undefined);
              }}
            />
            {a}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function RightRow(props: {
  field: UnionField;
  right: Right;
  path: string;
  issues: readonly FieldIssue[];
  onChange: (right: Right) => void;
  onRemove: () => void;
}) {
  const { field, right, path } = props;
  const [open, setOpen] = useState(false);
  const own = issuesUnder(props.issues, path);
  const variant = field.variants.find((v) => v.value === right[field.discriminator]);
  const set = (name: string, value: unknown) => props.onChange({ ...right, [name]: value });
  return (
    <li className={`right-row ${own.length ? 'invalid' : ''}`}>
      <div className="row">
        <span className="right-summary">{describeRight(right)}</span>
        <span className="spacer" />
        <Button
          size="sm"
          variant="ghost"
          aria-expanded={open}
          aria-label={`Edit right: ${describeRight(right)}`}
          onClick={() => setOpen(!open)}
        >
          {open ? 'Done' : 'Edit'}
        </Button>
        <Button size="sm" variant="ghost" aria-label={`Remove right: ${describeRight(right)}`} onClick={props.onRemove}>
          Remove
        </Button>
      </div>
      {!open && own.length ? <Issues issues={own} /> : null}
      {open && variant ? (
        <div className="field-grid">
          {variant.fields.map((f) => {
            const fieldPath = `${path}.${f.name}`;
            if (f.name === 'target' || f.name === 'definition')
              return (
                <TargetInput
                  key={f.name}
                  right={right}
                  value={right[f.name]}
                  path={fieldPath}
                  onChange={(v) => set(f.name, v)}
                />
              );
            if (f.name === 'actions')
              return <ActionsInput key={f.name} right={right} onChange={(v) => set(f.name, v)} />;
            return (
              <FieldEditor
                key={f.name}
                field={f}
                path={fieldPath}
                value={right[f.name]}
                issues={props.issues}
                onChange={(v) => set(f.name, v)}
              />
            );
          })}
        </div>
      ) : null}
    </li>
  );
}

/** The rights of a user, role or workgroup: each in words, editable by its variant's fields. */
export function RightsEditor(props: {
  field: UnionField;
  value: unknown;
  onChange: (value: unknown) => void;
  path: string;
  issues: readonly FieldIssue[];
}) {
  const { field } = props;
  const rights = (Array.isArray(props.value) ? props.value : []) as Right[];
  const [variant, setVariant] = useState(field.variants[0]?.value ?? '');
  return (
    <div className="stack">
      <ul className="rights-list" data-testid={`field-${props.path}`}>
        {rights.map((right, i) => (
          <RightRow
            key={i}
            field={field}
            right={right}
            path={`${props.path}.${i}`}
            issues={props.issues}
            onChange={(r) => props.onChange(rights.map((x, j) => (j === i ? r : x)))}
            onRemove={() => props.onChange(rights.filter((_, j) => j !== i))}
          />
        ))}
        {rights.length === 0 ? <li className="muted">No rights.</li> : null}
      </ul>
      <div className="row">
        <select aria-label="Kind of right to add" value={variant} onChange={(e) => setVariant(e.target.value)}>
          {field.variants.map((v) => (
            <option key={v.value} value={v.value}>
              {v.value}
            </option>
          ))}
        </select>
        <Button size="sm" onClick={() => props.onChange([...rights, newItemOf(field, variant)])}>
          Add right
        </Button>
      </div>
    </div>
  );
}
