import { describe, expect, it } from 'vitest';
import { SHORTCUTS, commandOf, firesWhileTyping, keyOf, type KeyPress } from '../src/app/shortcuts.js';

const press = (key: string, mods: Partial<KeyPress> = {}): KeyPress => ({
  key,
  altKey: false,
  ctrlKey: false,
  shiftKey: false,
  metaKey: false,
  ...mods,
});

describe('keyboard shortcuts', () => {
  it('maps the manual letters of My Interactions to their commands', () => {
    expect(commandOf(press('p', { altKey: true, code: 'KeyP' }))).toBe('pickup');
    expect(commandOf(press('h', { altKey: true, code: 'KeyH' }))).toBe('hold');
    expect(commandOf(press('x', { altKey: true, code: 'KeyX' }))).toBe('disconnect');
    expect(commandOf(press('t', { altKey: true, code: 'KeyT' }))).toBe('transfer');
    expect(commandOf(press('r', { altKey: true, ctrlKey: true, code: 'KeyR' }))).toBe('remove-disconnected');
  });

  it('reads the physical key with Alt, since Alt+letter types another character on some systems', () => {
    expect(keyOf(press('π', { altKey: true, code: 'KeyP' }))).toBe('Alt+P');
  });

  it('opens help with ? whatever the layout needs to type it, and names Ctrl+Space', () => {
    expect(commandOf(press('?', { shiftKey: true }))).toBe('help');
    expect(keyOf(press(' ', { ctrlKey: true, code: 'Space' }))).toBe('Ctrl+Space');
    expect(commandOf(press(' ', { ctrlKey: true }))).toBe('insert-response');
  });

  it('moves between views with Ctrl+Shift+. and Ctrl+Shift+, whatever the shifted character is', () => {
    expect(commandOf(press('>', { ctrlKey: true, shiftKey: true, code: 'Period' }))).toBe('next-view');
    expect(commandOf(press('<', { ctrlKey: true, shiftKey: true, code: 'Comma' }))).toBe('previous-view');
  });

  it('ignores a lone modifier and keys without a shortcut', () => {
    expect(keyOf(press('Alt', { altKey: true }))).toBe('');
    expect(commandOf(press('p'))).toBeUndefined();
  });

  it('lets only Ctrl or Alt shortcuts fire while typing, so ? stays a question mark in a message', () => {
    expect(firesWhileTyping(press('?', { shiftKey: true }))).toBe(false);
    expect(firesWhileTyping(press('p', { altKey: true }))).toBe(true);
  });

  it('gives every shortcut one meaning within its scope', () => {
    const seen = new Map<string, string>();
    for (const s of SHORTCUTS) {
      const key = `${s.scope}:${s.keys}`;
      expect(seen.get(key) ?? s.command, key).toBe(s.command);
      seen.set(key, s.command);
    }
  });
});
