import type { ChatMessage } from '@tandem/client';
import { describe, expect, it } from 'vitest';
import {
  applyTyping,
  mergeMessages,
  shortcutBefore,
  spliceText,
} from '../src/features/current-interaction/chat-model.js';
import { addressList, emailDocument, parseAddresses } from '../src/features/current-interaction/email-model.js';
import { statusChangeOf } from '../src/features/status/status-change.js';
import { matchTargets, type TransferTarget } from '../src/features/transfer/transfer-model.js';

const line = (seq: number, text = `line ${seq}`): ChatMessage => ({
  interactionId: '1000000001',
  seq,
  participantId: 'v',
  participantType: 'customer',
  displayName: 'Vera',
  kind: 'text',
  text,
  at: seq,
});

describe('the chat transcript', () => {
  it('keeps one line per seq in seq order, whatever order replays and reloads bring them in', () => {
    const merged = mergeMessages(mergeMessages([line(2)], [line(1), line(3)]), [line(2, 'again'), line(3)]);
    expect(merged.map((m) => m.seq)).toEqual([1, 2, 3]);
    expect(merged[1]?.text).toBe('line 2');
    const same = [line(1)];
    expect(mergeMessages(same, [line(1)])).toBe(same);
  });

  it('shows who else is typing, and never the agent themself', () => {
    let typing = applyTyping([], { participantId: 'v', displayName: 'Vera', on: true }, 'agent1');
    typing = applyTyping(typing, { participantId: 'agent1', displayName: 'Ann', on: true }, 'agent1');
    expect(typing).toEqual(['Vera']);
    expect(applyTyping(typing, { participantId: 'v', displayName: 'Vera', on: false }, 'agent1')).toEqual([]);
  });

  it('finds the shortcut typed before the caret and replaces it with the response', () => {
    expect(shortcutBefore('Hello thx', 9)).toEqual({ shortcut: 'thx', start: 6 });
    expect(shortcutBefore('Hello ', 6)).toBeUndefined();
    expect(spliceText('Hello thx!', 6, 9, 'Thank you')).toEqual({ text: 'Hello Thank you!', caret: 15 });
  });
});

describe('the email viewer and composer', () => {
  it('escapes a text-only email and opens links outside the client', () => {
    const doc = emailDocument({ html: null, text: '<script>alert(1)</script>' });
    expect(doc).toContain('&lt;script&gt;');
    expect(doc).not.toContain('<script>');
    expect(doc).toContain('<base target="_blank">');
  });

  it('reads typed addresses with or without names, and writes them back the same way', () => {
    const parsed = parseAddresses('Ann Smith <ann@example.org>; bob@example.org, ');
    expect(parsed).toEqual([{ name: 'Ann Smith', address: 'ann@example.org' }, 'bob@example.org']);
    expect(
      addressList([
        { name: 'Ann Smith', address: 'ann@example.org' },
        { name: '', address: 'b@x.org' },
      ]),
    ).toBe('Ann Smith <ann@example.org>, b@x.org');
  });
});

describe('the status details', () => {
  it('sends only the fields filled in, with until as epoch milliseconds', () => {
    expect(statusChangeOf({ statusId: 'available', notes: '  ', until: '', forwardNumber: '' })).toEqual({
      statusId: 'available',
    });
    const change = statusChangeOf({
      statusId: 'at-lunch',
      notes: 'back soon',
      until: '2026-11-21T13:30',
      forwardNumber: '+1 555',
    });
    expect(change).toMatchObject({ statusId: 'at-lunch', notes: 'back soon', forwardNumber: '+1 555' });
    expect(change.until).toBe(new Date('2026-11-21T13:30').getTime());
  });
});

describe('transfer targets', () => {
  const targets: TransferTarget[] = [
    { kind: 'user', id: 'agent1', name: 'Ada Lindqvist', available: false, loggedOn: true },
    { kind: 'user', id: 'agent2', name: 'Bruno Okafor', available: true, loggedOn: true },
    { kind: 'user', id: 'agent9', name: 'Ana Busy', available: false, loggedOn: false },
    { kind: 'workgroup', id: 'Support', name: 'Support', waiting: 2, agentsAvailable: 0 },
    { kind: 'workgroup', id: 'Sales', name: 'Sales', waiting: 0, agentsAvailable: 3 },
  ];

  it('puts name prefixes first, then ready targets, and never offers oneself', () => {
    const found = matchTargets(targets, 'a', { mode: 'transfer', self: 'agent2' });
    expect(found.map((t) => t.id)).toEqual(['agent1', 'agent9', 'Sales']);
    expect(
      matchTargets(targets, '', { mode: 'transfer', self: 'x' })
        .map((t) => t.id)
        .slice(0, 2),
    ).toEqual(['agent2', 'Sales']);
    expect(matchTargets(targets, 'okafor', { mode: 'transfer', self: 'x' }).map((t) => t.id)).toEqual(['agent2']);
  });

  it('offers only logged-on users for a consult', () => {
    expect(matchTargets(targets, '', { mode: 'consult', self: 'agent2' }).map((t) => t.id)).toEqual(['agent1']);
  });
});
