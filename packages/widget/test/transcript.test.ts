import type { CustomerMessage } from '@tandem/client';
import { describe, expect, it } from 'vitest';
import { Transcript } from '../src/transcript.js';

const aLine = (seq: number, text = `line ${seq}`): CustomerMessage => ({
  seq,
  kind: 'text',
  text,
  at: 1_000 + seq,
  participantType: seq % 2 ? 'customer' : 'agent',
  displayName: seq % 2 ? 'Vera' : 'Chen Wei',
  mine: seq % 2 === 1,
});

const seqs = (t: Transcript) => t.messages.map((m) => m.seq);

describe('the transcript the visitor sees', () => {
  it('shows each line once when the saved copy, the REST catch-up and the socket replay overlap', () => {
    const t = new Transcript([aLine(1), aLine(2), aLine(3)]);
    expect(t.addAll([aLine(3), aLine(4), aLine(5)]).map((m) => m.seq)).toEqual([4, 5]);
    expect(t.addAll([aLine(4), aLine(5), aLine(6)]).map((m) => m.seq)).toEqual([6]);
    expect(seqs(t)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('puts a line that arrives late in its place', () => {
    const t = new Transcript([aLine(1), aLine(4)]);
    expect(t.add(aLine(2))).toBe(true);
    t.addAll([aLine(5), aLine(3)]);
    expect(seqs(t)).toEqual([1, 2, 3, 4, 5]);
    expect(t.nextAfter(2)?.seq).toBe(3);
  });

  it('answers the highest seq to resume from, 0 when empty, even with a gap', () => {
    expect(new Transcript().lastSeq).toBe(0);
    expect(new Transcript([aLine(7), aLine(2)]).lastSeq).toBe(7);
  });

  it('refuses lines without a usable seq', () => {
    const t = new Transcript();
    expect(t.addAll([aLine(0), aLine(-1), aLine(1.5), aLine(Number.NaN)])).toEqual([]);
    expect(t.messages).toEqual([]);
  });

  it('keeps the first copy of a line when a second one with the same seq differs', () => {
    const t = new Transcript([aLine(1, 'first')]);
    expect(t.add(aLine(1, 'second'))).toBe(false);
    expect(t.messages[0]?.text).toBe('first');
  });

  it('answers the last lines for saving', () => {
    const t = new Transcript([1, 2, 3, 4].map((n) => aLine(n)));
    expect(t.tail(2).map((m) => m.seq)).toEqual([3, 4]);
    expect(t.tail(10).map((m) => m.seq)).toEqual([1, 2, 3, 4]);
  });
});
