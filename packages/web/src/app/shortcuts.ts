/** A key press, as the parts the shortcut map needs (a `KeyboardEvent` fits). */
export interface KeyPress {
  key: string;
  code?: string;
  altKey: boolean;
  ctrlKey: boolean;
  shiftKey: boolean;
  metaKey: boolean;
}

export interface ShortcutDef {
  /** `Alt+P`, `Ctrl+Alt+R`, `?`. */
  keys: string;
  command: string;
  description: string;
  /** Where it works, for the help dialog. */
  scope: 'everywhere' | 'my-interactions' | 'chat';
}

/** The client's keyboard shortcuts; the My Interactions letters follow the manual's. */
export const SHORTCUTS: readonly ShortcutDef[] = [
  { keys: '?', command: 'help', description: 'Show keyboard shortcuts', scope: 'everywhere' },
  { keys: 'Ctrl+Shift+.', command: 'next-view', description: 'Next view', scope: 'everywhere' },
  { keys: 'Ctrl+Shift+,', command: 'previous-view', description: 'Previous view', scope: 'everywhere' },
  { keys: 'Alt+S', command: 'status', description: 'Change my status', scope: 'everywhere' },
  { keys: 'Alt+P', command: 'pickup', description: 'Pick up the selected interaction', scope: 'my-interactions' },
  { keys: 'Alt+H', command: 'hold', description: 'Hold or unhold', scope: 'my-interactions' },
  { keys: 'Alt+X', command: 'disconnect', description: 'Disconnect', scope: 'my-interactions' },
  { keys: 'Alt+T', command: 'transfer', description: 'Transfer', scope: 'my-interactions' },
  { keys: 'Alt+C', command: 'consult', description: 'Consult transfer (chat)', scope: 'my-interactions' },
  { keys: 'Alt+I', command: 'private', description: 'Private on or off', scope: 'my-interactions' },
  { keys: 'Alt+W', command: 'wrap-up', description: 'Choose a wrap-up code', scope: 'my-interactions' },
  {
    keys: 'Ctrl+Alt+R',
    command: 'remove-disconnected',
    description: 'Remove the selected disconnected interaction',
    scope: 'my-interactions',
  },
  {
    keys: 'Alt+ArrowDown',
    command: 'next-interaction',
    description: 'Select the next interaction',
    scope: 'my-interactions',
  },
  {
    keys: 'Alt+ArrowUp',
    command: 'previous-interaction',
    description: 'Select the previous interaction',
    scope: 'my-interactions',
  },
  {
    keys: 'Ctrl+Space',
    command: 'insert-response',
    description: 'Insert the response whose shortcut you typed',
    scope: 'chat',
  },
  { keys: 'Ctrl+Alt+Space', command: 'insert-response', description: 'Same, for IME languages', scope: 'chat' },
  { keys: 'Enter', command: 'send', description: 'Send the message (Shift+Enter: new line)', scope: 'chat' },
];

const MODIFIER_KEYS = new Set(['Alt', 'Control', 'Shift', 'Meta']);
const PUNCTUATION_CODES: Record<string, string> = { Period: '.', Comma: ',' };

/**
 * The shortcut string of a key press: modifiers in the order Ctrl, Alt, Shift, Meta, then the key
 * (letters upper-case; with Alt the physical key, since Alt+letter types another character on macOS).
 * `?` is reported without Shift (it needs Shift on most layouts). Answers '' for a lone modifier.
 */
export function keyOf(press: KeyPress): string {
  if (MODIFIER_KEYS.has(press.key)) return '';
  let key = press.key === ' ' ? 'Space' : press.key;
  if ((press.altKey || press.ctrlKey) && press.code?.startsWith('Key')) key = press.code.slice(3);
  // Ctrl+Shift+. types '>' on most layouts: name the physical key.
  if ((press.altKey || press.ctrlKey) && press.code && PUNCTUATION_CODES[press.code])
    key = PUNCTUATION_CODES[press.code] ?? key;
  if (key.length === 1) key = key.toUpperCase();
  const parts: string[] = [];
  if (press.ctrlKey) parts.push('Ctrl');
  if (press.altKey) parts.push('Alt');
  if (press.shiftKey && key !== '?' && !(key.length === 1 && !/[A-Z0-9]/.test(key) && !press.ctrlKey && !press.altKey))
    parts.push('Shift');
  if (press.metaKey) parts.push('Meta');
  parts.push(key);
  return parts.join('+');
}

/** The command of a key press, if any shortcut has those keys. */
export function commandOf(press: KeyPress, shortcuts: readonly ShortcutDef[] = SHORTCUTS): string | undefined {
  const keys = keyOf(press);
  return shortcuts.find((s) => s.keys === keys)?.command;
}

/**
 * Whether a shortcut may fire while focus is in a text field: only with Ctrl or Alt (so typing `?`
 * in a message stays a question mark).
 */
export function firesWhileTyping(press: KeyPress): boolean {
  return press.ctrlKey || press.altKey;
}
