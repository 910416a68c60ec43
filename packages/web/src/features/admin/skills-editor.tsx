import { Button } from '../../app/ui/button.js';
import { Issues } from './field-editor.js';
import { issuesUnder, parseNumberInput, textOf, type FieldIssue } from './form-body.js';
import { useRefOptions } from './reference-options.js';
import { newItemOf, type FieldSpec } from './schema-form.js';

type Assignment = { skillId?: unknown; proficiency?: unknown; desireToUse?: unknown };

/** Skills with proficiency (1–100) and desire to use: a slider and a number per skill. */
export function SkillsEditor(props: {
  field: Extract<FieldSpec, { kind: 'object-list' }>;
  value: unknown;
  onChange: (value: unknown) => void;
  path: string;
  issues: readonly FieldIssue[];
}) {
  const options = useRefOptions('skills');
  const items = (Array.isArray(props.value) ? props.value : []) as Assignment[];
  const used = new Set(items.map((i) => i.skillId));
  const set = (i: number, change: Assignment) =>
    props.onChange(items.map((x, j) => (j === i ? { ...x, ...change } : x)));
  const hasDesire = props.field.fields.some((f) => f.name === 'desireToUse');
  return (
    <div className="stack">
      <table className="skills-table">
        <thead>
          <tr>
            <th scope="col">Skill</th>
            <th scope="col">Proficiency</th>
            {hasDesire ? <th scope="col">Desire to use</th> : null}
            <th scope="col">
              <span className="visually-hidden">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((item, i) => {
            const name = textOf(item.skillId ?? '');
            return (
              <tr key={i}>
                <td data-label="Skill">
                  <select
                    aria-label={`Skill ${i + 1}`}
                    value={name}
                    onChange={(e) => set(i, { skillId: e.target.value })}
                  >
                    <option value="">Choose…</option>
                    {options
                      .filter((o) => o.id === name || !used.has(o.id))
                      .map((o) => (
                        <option key={o.id} value={o.id}>
                          {o.label}
                        </option>
                      ))}
                    {name && !options.some((o) => o.id === name) ? <option value={name}>{name}</option> : null}
                  </select>
                  <Issues issues={issuesUnder(props.issues, `${props.path}.${i}`)} />
                </td>
                <td data-label="Proficiency">
                  <div className="row proficiency">
                    <input
                      type="range"
                      min={1}
                      max={100}
                      aria-label={`Proficiency in ${name || 'skill ' + (i + 1)}`}
                      value={typeof item.proficiency === 'number' ? item.proficiency : 50}
                      onChange={(e) => set(i, { proficiency: Number(e.target.value) })}
                    />
                    <input
                      type="number"
                      min={1}
                      max={100}
                      className="num"
                      aria-label={`Proficiency in ${name || 'skill ' + (i + 1)} (number)`}
                      value={item.proficiency === undefined ? '' : textOf(item.proficiency)}
                      onChange={(e) => set(i, { proficiency: parseNumberInput(e.target.value) })}
                    />
                  </div>
                </td>
                {hasDesire ? (
                  <td data-label="Desire to use">
                    <input
                      type="number"
                      min={1}
                      max={100}
                      className="num"
                      aria-label={`Desire to use ${name || 'skill ' + (i + 1)}`}
                      value={item.desireToUse === undefined ? '' : textOf(item.desireToUse)}
                      onChange={(e) => set(i, { desireToUse: parseNumberInput(e.target.value) })}
                    />
                  </td>
                ) : null}
                <td>
                  <Button
                    size="sm"
                    variant="ghost"
                    aria-label={`Remove ${name || 'skill ' + (i + 1)}`}
                    onClick={() => props.onChange(items.filter((_, j) => j !== i))}
                  >
                    Remove
                  </Button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div>
        <Button size="sm" onClick={() => props.onChange([...items, { ...newItemOf(props.field), proficiency: 50 }])}>
          Add skill
        </Button>
      </div>
    </div>
  );
}
