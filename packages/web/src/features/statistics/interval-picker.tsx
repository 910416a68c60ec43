import type { IntervalName } from '@tandem/client';
import { INTERVALS } from './statistics-model.js';

/** The interval the figures are for (this or the previous period or shift). */
export function IntervalPicker({ value, onChange }: { value: IntervalName; onChange: (next: IntervalName) => void }) {
  return (
    <div className="segmented" role="group" aria-label="Interval">
      {INTERVALS.map((i) => (
        <button
          key={i.id}
          type="button"
          aria-pressed={value === i.id}
          className={value === i.id ? 'on' : ''}
          data-testid={`interval-${i.id}`}
          onClick={() => onChange(i.id)}
        >
          {i.title}
        </button>
      ))}
    </div>
  );
}
