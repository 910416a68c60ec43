import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

export interface TypeAheadProps<T> {
  label: string;
  placeholder?: string;
  /** Answers the options for what was typed (may be async; older answers are dropped). */
  search: (text: string) => T[] | Promise<T[]>;
  optionKey: (option: T) => string;
  renderOption: (option: T) => ReactNode;
  onChoose: (option: T) => void;
  testId?: string;
  autoFocus?: boolean;
}

/** A combobox: type to filter, arrows to move, Enter to choose, Escape to clear. */
export function TypeAhead<T>(props: TypeAheadProps<T>) {
  const [text, setText] = useState('');
  const [options, setOptions] = useState<T[]>([]);
  const [active, setActive] = useState(0);
  const listId = useId();
  const generation = useRef(0);
  const { search } = props;

  useEffect(() => {
    const mine = ++generation.current;
    void Promise.resolve(search(text)).then((found) => {
      if (mine === generation.current) {
        setOptions(found);
        setActive(0);
      }
    });
  }, [text, search]);

  const choose = (option: T | undefined) => option !== undefined && props.onChoose(option);
  const activeOption = options[active];

  return (
    <div className="type-ahead">
      <input
        role="combobox"
        aria-label={props.label}
        aria-expanded={options.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={activeOption ? `${listId}-${props.optionKey(activeOption)}` : undefined}
        placeholder={props.placeholder}
        value={text}
        autoFocus={props.autoFocus}
        data-testid={props.testId}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') setActive((a) => Math.min(options.length - 1, a + 1));
          else if (e.key === 'ArrowUp') setActive((a) => Math.max(0, a - 1));
          else if (e.key === 'Enter') choose(activeOption);
          else if (e.key === 'Escape' && text !== '') setText('');
          else return;
          e.preventDefault();
          if (e.key === 'Escape') e.stopPropagation();
        }}
      />
      <ul id={listId} role="listbox" aria-label={`${props.label} results`} className="type-ahead-list">
        {options.map((option, index) => {
          const key = props.optionKey(option);
          return (
            <li
              key={key}
              id={`${listId}-${key}`}
              role="option"
              aria-selected={index === active}
              className={index === active ? 'active' : ''}
              onMouseEnter={() => setActive(index)}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => choose(option)}
            >
              {props.renderOption(option)}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
