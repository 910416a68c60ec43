import {
  CHAT_ENDED_CLOSE_CODE,
  TandemApiError,
  type CustomerChat,
  type CustomerChatEvent,
  type CustomerMessage,
  type StartChatRequest,
  type WebChatCustomer,
} from '@tandem/client';
import {
  clearResumeState,
  reconnectDelay,
  saveResumeState,
  type KeyValueStorage,
  type ResumeState,
} from './resume-state.js';
import { Transcript } from './transcript.js';

/** What the session tells the window. */
export interface SessionListener {
  messages(fresh: CustomerMessage[], transcript: Transcript): void;
  typing(displayName: string, on: boolean): void;
  connection(state: 'connecting' | 'live' | 'reconnecting'): void;
  agentJoined(displayName: string): void;
  ended(reason: string): void;
}

/** The part of a WebSocket the session uses (browsers' `WebSocket`; tests pass a fake). */
export interface EventSocket {
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number }) => void) | null;
  close(code?: number, reason?: string): void;
}

export interface SessionDeps {
  customer: WebChatCustomer;
  storage: KeyValueStorage;
  storageKey: string;
  listener: SessionListener;
  openSocket?: (url: string) => EventSocket;
  random?: () => number;
}

/** Stop typing after this long without a keystroke. */
const TYPING_IDLE_MS = 3000;

/**
 * One web chat as the visitor lives it: started or resumed after a reload, lines sent and
 * received, typing both ways, the events socket reconnected with `after=<last seq>` until the chat
 * ends. The transcript never shows a line twice nor out of order (see `Transcript`).
 */
export class ChatSession {
  readonly transcript: Transcript;
  private socket: EventSocket | undefined;
  private attempts = 0;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private typingTimer: ReturnType<typeof setTimeout> | undefined;
  private typingOn = false;
  private over = false;
  private windowOpen = false;

  private constructor(
    private readonly deps: SessionDeps,
    readonly chat: CustomerChat,
    readonly displayName: string,
    saved: CustomerMessage[],
  ) {
    this.transcript = new Transcript(saved);
  }

  static async start(deps: SessionDeps, request: StartChatRequest): Promise<ChatSession> {
    const chat = await deps.customer.start(request);
    const session = new ChatSession(deps, chat, request.displayName, []);
    session.windowOpen = true;
    session.save();
    session.connect();
    return session;
  }

  /**
   * Resumes a chat after a reload: the saved lines at once, the ones after them over REST, then the
   * events socket from the last one. Answers undefined (and forgets the state) if the chat is gone.
   */
  static async resume(deps: SessionDeps, state: ResumeState): Promise<ChatSession | undefined> {
    const session = new ChatSession(deps, deps.customer.chat(state.credentials), state.displayName, state.messages);
    session.windowOpen = state.open;
    try {
      await session.catchUp(Math.max(state.lastSeq, session.transcript.lastSeq));
    } catch (error) {
      if (error instanceof TandemApiError && (error.status === 401 || error.status === 404)) {
        clearResumeState(deps.storage, deps.storageKey);
        return undefined;
      }
      // The server is unreachable for now: the socket's reconnects will catch up.
    }
    session.connect();
    return session;
  }

  get ended(): boolean {
    return this.over;
  }

  set open(open: boolean) {
    this.windowOpen = open;
    this.save();
  }

  async send(text: string): Promise<void> {
    this.stopTyping();
    await this.chat.send(text);
  }

  /** Call on every keystroke: says "typing" once, and "stopped" after a pause or on send. */
  keystroke(): void {
    if (this.over) return;
    if (!this.typingOn) {
      this.typingOn = true;
      this.chat.typing(true).catch(() => undefined);
    }
    clearTimeout(this.typingTimer);
    this.typingTimer = setTimeout(() => this.stopTyping(), TYPING_IDLE_MS);
  }

  /** Leaves the chat; the agents see the visitor leave. */
  async end(): Promise<void> {
    if (this.over) return;
    try {
      await this.chat.end();
    } finally {
      this.finish('customer-left');
    }
  }

  /** Closes the socket without ending the chat (page unload: the chat resumes after the reload). */
  detach(): void {
    clearTimeout(this.retry);
    clearTimeout(this.typingTimer);
    this.socket?.close(1000, 'page closed');
    this.socket = undefined;
  }

  private stopTyping(): void {
    clearTimeout(this.typingTimer);
    if (!this.typingOn) return;
    this.typingOn = false;
    this.chat.typing(false).catch(() => undefined);
  }

  private async catchUp(after: number): Promise<void> {
    for (let from = after; ;) {
      const page = await this.chat.messages(from, 500);
      this.accept(page);
      if (page.length < 500) return;
      from = page[page.length - 1]?.seq ?? from;
    }
  }

  private accept(messages: CustomerMessage[]): void {
    const fresh = this.transcript.addAll(messages);
    if (fresh.length === 0) return;
    this.save();
    this.deps.listener.messages(fresh, this.transcript);
  }

  private save(): void {
    if (this.over) return;
    const state: ResumeState = {
      version: 1,
      credentials: this.chat.credentials,
      displayName: this.displayName,
      lastSeq: this.transcript.lastSeq,
      messages: this.transcript.tail(200),
      open: this.windowOpen,
    };
    saveResumeState(this.deps.storage, this.deps.storageKey, state);
  }

  private connect(): void {
    if (this.over) return;
    const open = this.deps.openSocket ?? ((url: string) => new WebSocket(url) as unknown as EventSocket);
    this.deps.listener.connection(this.attempts === 0 ? 'connecting' : 'reconnecting');
    const socket = open(this.chat.eventsUrl(this.transcript.lastSeq));
    this.socket = socket;
    socket.onmessage = (event) => {
      let parsed: CustomerChatEvent;
      try {
        parsed = JSON.parse(String(event.data)) as CustomerChatEvent;
      } catch {
        return;
      }
      this.onEvent(parsed);
    };
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      if (event.code === CHAT_ENDED_CLOSE_CODE) return this.finish('ended');
      if (this.over) return;
      this.deps.listener.connection('reconnecting');
      const delay = reconnectDelay(this.attempts++, this.deps.random ?? Math.random);
      this.retry = setTimeout(() => this.connect(), delay);
    };
  }

  private onEvent(event: CustomerChatEvent): void {
    switch (event.type) {
      case 'message':
        return this.accept([event.data]);
      case 'ready':
        this.attempts = 0;
        return this.deps.listener.connection('live');
      case 'typing':
        if (event.data.participantType !== 'customer') this.deps.listener.typing(event.data.displayName, event.data.on);
        return;
      case 'agent-joined':
        return this.deps.listener.agentJoined(event.data.displayName);
      case 'chat-ended':
        return this.finish(event.data.reason);
      default:
        return;
    }
  }

  private finish(reason: string): void {
    if (this.over) return;
    this.over = true;
    this.detach();
    clearResumeState(this.deps.storage, this.deps.storageKey);
    this.deps.listener.ended(reason);
  }
}
