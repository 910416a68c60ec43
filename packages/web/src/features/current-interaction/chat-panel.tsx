import {
  chatTranscript,
  sendChatMessage,
  setChatTyping,
  type ChatMessage,
  type ChatTyping,
  type InteractionView,
  type ResponseHit,
} from '@tandem/client';
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useSession } from '../../app/session-store.js';
import { useTopic } from '../../app/use-topic.js';
import { Button } from '../../app/ui/button.js';
import { formatClock } from '../../app/ui/format.js';
import { errorText, useToast } from '../../app/ui/toast.js';
import { applyTyping, mergeMessages, shortcutBefore, spliceText } from './chat-model.js';
import { ConsultBar } from './consult-bar.js';
import { ResponsePicker } from './response-picker.js';
import { useResponseText, useShortcutLookup } from './use-responses.js';

/** Typing stops counting after this long without a key. */
const TYPING_IDLE_MS = 4000;

/** The chat: transcript with the other side's typing, and a composer with responses (Ctrl+Space). */
export default function ChatPanel(props: { interaction: InteractionView; onChanged: (ix: InteractionView) => void }) {
  const { client, info } = useSession();
  const toast = useToast();
  const ix = props.interaction;
  const [messages, setMessages] = useState<readonly ChatMessage[]>([]);
  const [typing, setTyping] = useState<readonly string[]>([]);
  const [draft, setDraft] = useState('');
  const [picker, setPicker] = useState<{ initial?: ResponseHit[]; start: number; end: number } | undefined>();
  const input = useRef<HTMLTextAreaElement>(null);
  const list = useRef<HTMLOListElement>(null);
  const typingOn = useRef(false);
  const typingTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const responseText = useResponseText(ix);
  const lookup = useShortcutLookup();
  const canWrite = ix.userId === info.userId && (ix.state === 'acd-assigned' || ix.state === 'connected');

  const load = useCallback(async () => {
    const all = await chatTranscript(client, ix.id);
    setMessages((current) => mergeMessages(current, all));
  }, [client, ix.id]);

  useTopic(
    'interaction',
    { interactionIds: [ix.id] },
    (event) => {
      if (event.type === 'interaction.chat-message')
        setMessages((current) => mergeMessages(current, [(event.data as { message: ChatMessage }).message]));
      else if (event.type === 'interaction.chat-typing')
        setTyping((current) => applyTyping(current, event.data as ChatTyping, info.userId));
    },
    { onReady: () => void load().catch(() => undefined), onResync: () => void load().catch(() => undefined) },
  );

  // Nobody types in an ended chat (the visitor may have left without saying they stopped).
  const [stateSeen, setStateSeen] = useState(ix.state);
  if (ix.state !== stateSeen) {
    setStateSeen(ix.state);
    if (ix.state === 'disconnected') setTyping([]);
  }

  useEffect(() => {
    list.current?.lastElementChild?.scrollIntoView({ block: 'end' });
  }, [messages, typing]);

  const sendTyping = useCallback(
    (on: boolean) => {
      if (typingOn.current === on) return;
      typingOn.current = on;
      void setChatTyping(client, ix.id, on).catch(() => undefined);
    },
    [client, ix.id],
  );
  useEffect(
    () => () => {
      clearTimeout(typingTimer.current);
      if (typingOn.current) void setChatTyping(client, ix.id, false).catch(() => undefined);
    },
    [client, ix.id],
  );

  const onDraft = (text: string) => {
    setDraft(text);
    if (!canWrite) return;
    sendTyping(text !== '');
    clearTimeout(typingTimer.current);
    typingTimer.current = setTimeout(() => sendTyping(false), TYPING_IDLE_MS);
  };

  const send = async () => {
    const text = draft.trim();
    if (text === '' || !canWrite) return;
    try {
      const message = await sendChatMessage(client, ix.id, text);
      setMessages((current) => mergeMessages(current, [message]));
      setDraft('');
      sendTyping(false);
    } catch (e) {
      toast({ kind: 'error', text: errorText(e) });
    }
  };

  const insert = async (hit: ResponseHit, start: number, end: number) => {
    setPicker(undefined);
    const text = await responseText(hit);
    const next = spliceText(draft, start, end, text);
    onDraft(next.text);
    requestAnimationFrame(() => {
      input.current?.focus();
      input.current?.setSelectionRange(next.caret, next.caret);
    });
  };

  const onKey = async (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.ctrlKey && !event.altKey) {
      event.preventDefault();
      return send();
    }
    if (event.key === ' ' && event.ctrlKey) {
      event.preventDefault();
      const caret = event.currentTarget.selectionStart;
      const found = shortcutBefore(draft, caret);
      if (!found) return setPicker({ start: caret, end: caret });
      const hits = await lookup(found.shortcut);
      if (hits.length === 1 && hits[0]) return insert(hits[0], found.start, caret);
      setPicker({ initial: hits, start: found.start, end: caret });
    }
  };

  return (
    <div className="chat">
      <ConsultBar interaction={ix} onChanged={props.onChanged} />
      <ol
        className="chat-transcript"
        ref={list}
        aria-label="Transcript"
        aria-live="polite"
        data-testid="chat-transcript"
      >
        {messages.map((m) => (
          <li
            key={m.seq}
            className={`chat-line chat-${m.participantType === 'agent' && m.participantId === info.userId ? 'mine' : m.participantType}`}
          >
            {m.kind === 'system' ? (
              <span className="chat-system">{m.text}</span>
            ) : (
              <>
                <div className="chat-meta">
                  <span>{m.displayName}</span> <time>{formatClock(m.at)}</time>
                </div>
                <div className="chat-bubble">
                  {m.kind === 'url' ? (
                    <a href={m.text} target="_blank" rel="noreferrer noopener">
                      {m.text}
                    </a>
                  ) : (
                    m.text
                  )}
                </div>
              </>
            )}
          </li>
        ))}
      </ol>
      <div className="chat-typing" aria-live="polite" data-testid="chat-typing">
        {typing.length > 0 ? `${typing.join(', ')} ${typing.length > 1 ? 'are' : 'is'} typing…` : ''}
      </div>
      <div className="chat-composer">
        <label htmlFor="chat-input" className="visually-hidden">
          Message
        </label>
        <textarea
          id="chat-input"
          ref={input}
          rows={2}
          maxLength={4000}
          value={draft}
          disabled={!canWrite}
          placeholder={
            canWrite ? 'Write a message (Enter sends, Ctrl+Space inserts a response)' : 'Pick up the chat to write'
          }
          data-testid="chat-input"
          onChange={(e) => onDraft(e.target.value)}
          onKeyDown={(e) => void onKey(e)}
        />
        <div className="chat-actions">
          <Button
            size="sm"
            disabled={!canWrite}
            data-testid="insert-response"
            onClick={() => {
              const caret = input.current?.selectionStart ?? draft.length;
              setPicker({ start: caret, end: caret });
            }}
          >
            Responses
          </Button>
          <Button
            variant="primary"
            disabled={!canWrite || draft.trim() === ''}
            data-testid="chat-send"
            onClick={() => void send()}
          >
            Send
          </Button>
        </div>
      </div>
      {picker ? (
        <ResponsePicker
          {...(picker.initial ? { initial: picker.initial } : {})}
          onClose={() => setPicker(undefined)}
          onPick={(hit) => void insert(hit, picker.start, picker.end)}
        />
      ) : null}
    </div>
  );
}
