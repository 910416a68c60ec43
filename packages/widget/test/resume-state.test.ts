import type { CustomerMessage } from '@tandem/client';
import { describe, expect, it } from 'vitest';
import {
  SAVED_LINES,
  clearResumeState,
  loadResumeState,
  reconnectDelay,
  saveResumeState,
  storageKey,
  type KeyValueStorage,
  type ResumeState,
} from '../src/resume-state.js';

class MemoryStorage implements KeyValueStorage {
  readonly items = new Map<string, string>();
  getItem = (key: string) => this.items.get(key) ?? null;
  setItem = (key: string, value: string) => void this.items.set(key, value);
  removeItem = (key: string) => void this.items.delete(key);
}

const aLine = (seq: number): CustomerMessage => ({
  seq,
  kind: 'text',
  text: `line ${seq}`,
  at: seq,
  participantType: 'agent',
  displayName: 'Chen Wei',
  mine: false,
});

const aState = (overrides: Partial<ResumeState> = {}): ResumeState => ({
  version: 1,
  credentials: { chatId: '0000000042', participantId: 'p-1', token: 'secret' },
  displayName: 'Vera',
  lastSeq: 3,
  messages: [aLine(1), aLine(2), aLine(3)],
  open: true,
  ...overrides,
});

const KEY = storageKey('https://t.example', 'support');

describe('the state kept for a page reload', () => {
  it('is read back as it was saved', () => {
    const storage = new MemoryStorage();
    saveResumeState(storage, KEY, aState());
    expect(loadResumeState(storage, KEY)).toEqual(aState());
  });

  it('is kept per server and widget', () => {
    expect(storageKey('https://a.example', 'support')).not.toBe(storageKey('https://b.example', 'support'));
    expect(storageKey('https://a.example', 'support')).not.toBe(storageKey('https://a.example', 'sales'));
  });

  it('keeps only the last lines, and the seq to resume from', () => {
    const storage = new MemoryStorage();
    const many = Array.from({ length: SAVED_LINES + 50 }, (_, i) => aLine(i + 1));
    saveResumeState(storage, KEY, aState({ messages: many, lastSeq: SAVED_LINES + 50 }));
    const loaded = loadResumeState(storage, KEY);
    expect(loaded?.messages).toHaveLength(SAVED_LINES);
    expect(loaded?.messages[0]?.seq).toBe(51);
    expect(loaded?.lastSeq).toBe(SAVED_LINES + 50);
  });

  it('counts as none when unreadable, of another version or without credentials', () => {
    const storage = new MemoryStorage();
    for (const raw of ['{', 'null', '"x"', JSON.stringify({ ...aState(), version: 2 })]) {
      storage.setItem(KEY, raw);
      expect(loadResumeState(storage, KEY), raw).toBeUndefined();
    }
    storage.setItem(KEY, JSON.stringify({ ...aState(), credentials: { chatId: '1', token: '' } }));
    expect(loadResumeState(storage, KEY)).toBeUndefined();
  });

  it('drops saved lines that are not lines and a seq that is not a count', () => {
    const storage = new MemoryStorage();
    storage.setItem(KEY, JSON.stringify({ ...aState(), lastSeq: -4, messages: [aLine(1), { seq: 'x' }, null] }));
    expect(loadResumeState(storage, KEY)).toMatchObject({ lastSeq: 0, messages: [aLine(1)] });
  });

  it('is forgotten when the chat ends', () => {
    const storage = new MemoryStorage();
    saveResumeState(storage, KEY, aState());
    clearResumeState(storage, KEY);
    expect(loadResumeState(storage, KEY)).toBeUndefined();
  });

  it('costs only the resume when the storage refuses to save', () => {
    const full: KeyValueStorage = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {
        throw new Error('SecurityError');
      },
    };
    expect(() => saveResumeState(full, KEY, aState())).not.toThrow();
    expect(() => clearResumeState(full, KEY)).not.toThrow();
  });
});

describe('reconnecting the events socket', () => {
  it('waits longer after each failed attempt, up to 15 s, with jitter', () => {
    expect(reconnectDelay(0, () => 0)).toBe(250);
    expect(reconnectDelay(0, () => 1)).toBe(500);
    expect(reconnectDelay(3, () => 1)).toBe(4000);
    expect(reconnectDelay(40, () => 1)).toBe(15_000);
    expect(reconnectDelay(40, () => 0)).toBe(7500);
  });
});
