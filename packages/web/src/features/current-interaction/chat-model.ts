import type { ChatMessage } from '@tandem/client';

/** Merges messages into a transcript: one per seq, in seq order (replays and reloads add nothing twice). */
export function mergeMessages(list: readonly ChatMessage[], incoming: readonly ChatMessage[]): readonly ChatMessage[] {
  if (incoming.length === 0) return list;
  const bySeq = new Map(list.map((m) => [m.seq, m]));
  let changed = false;
  for (const m of incoming)
    if (!bySeq.has(m.seq)) {
      bySeq.set(m.seq, m);
      changed = true;
    }
  return changed ? [...bySeq.values()].sort((a, b) => a.seq - b.seq) : list;
}

/** Who is typing now, other than me: display names in the order they started. */
export function applyTyping(
  typing: readonly string[],
  event: { participantId: string; displayName: string; on: boolean },
  myId: string,
): readonly string[] {
  if (event.participantId === myId) return typing;
  const without = typing.filter((name) => name !== event.displayName);
  return event.on ? [...without, event.displayName] : without.length === typing.length ? typing : without;
}

/** The word before the caret, which Ctrl+Space looks up as a response shortcut. */
export function shortcutBefore(text: string, caret: number): { shortcut: string; start: number } | undefined {
  const match = /(\S+)$/.exec(text.slice(0, caret));
  if (!match?.[1]) return undefined;
  return { shortcut: match[1], start: caret - match[1].length };
}

/** `text` with `[start, end)` replaced by `insert`; answers the new text and the caret after the insert. */
export function spliceText(text: string, start: number, end: number, insert: string): { text: string; caret: number } {
  return { text: text.slice(0, start) + insert + text.slice(end), caret: start + insert.length };
}
