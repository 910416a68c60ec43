import { TandemApiError, WebChatCustomer, type CustomerMessage, type PublicWidgetConfig } from '@tandem/client';
import { ChatSession, type SessionListener } from './chat-session.js';
import { chatStartExtras, type WidgetConfig } from './config.js';
import { WidgetEvents } from './events.js';
import { loadResumeState, storageKey, type KeyValueStorage } from './resume-state.js';
import { WidgetView } from './view.js';

const ENDED_TEXT: Record<string, string> = {
  'customer-left': 'You left the chat. Thank you for talking to us!',
  'agent-ended': 'The agent ended the chat. Thank you for talking to us!',
  'idle-timeout': 'The chat ended because nobody wrote for a while.',
  'queue-timeout': 'Sorry, nobody could take your chat in time. Please try again later or ask for a callback.',
};

const messageOf = (error: unknown): string =>
  error instanceof TandemApiError ? error.message : 'Something went wrong: please try again.';

/** The widget on a page: its window, its chat (if any), and the commands the page may give. */
export class Widget {
  readonly view: WidgetView;
  readonly events = new WidgetEvents(typeof window === 'undefined' ? undefined : window);
  private session: ChatSession | undefined;
  private starting: Promise<ChatSession> | undefined;
  private readonly customer: WebChatCustomer;
  private readonly key: string;
  private typingClear: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly config: WidgetConfig,
    private readonly widget: PublicWidgetConfig,
    private readonly storage: KeyValueStorage,
  ) {
    this.customer = new WebChatCustomer(config.server);
    this.key = storageKey(config.server, config.widgetId);
    this.view = new WidgetView(widget);
    this.view.start.name.value = config.displayName ?? '';
    this.view.start.email.value = config.email ?? '';
    this.view.callback.name.value = config.displayName ?? '';
    this.wire();
  }

  /** Resumes the chat of an earlier page of this tab, if there is one still going. */
  async resume(): Promise<void> {
    const state = loadResumeState(this.storage, this.key);
    if (!state) return;
    const session = await ChatSession.resume(this.deps(), state);
    if (!session) return;
    this.attach(session, true);
    if (state.open) this.open();
  }

  open(): void {
    if (!this.view.isOpen) this.view.setOpen(true);
    if (this.session) this.session.open = true;
  }

  close(): void {
    if (this.view.isOpen) this.view.setOpen(false);
    if (this.session) this.session.open = false;
  }

  /** Sends a line, starting a chat first if there is none (with the name given in the configuration). */
  async sendMessage(text: string): Promise<void> {
    const session = this.session ?? (await this.startChat(this.config.displayName ?? 'Visitor', this.config.email));
    await session.send(text);
  }

  async endChat(): Promise<void> {
    await this.session?.end();
  }

  private deps() {
    const listener: SessionListener = {
      messages: (fresh) => this.onMessages(fresh),
      typing: (name, on) => this.onTyping(name, on),
      connection: (state) =>
        this.view.setStatus(state === 'reconnecting' ? 'Connection lost: reconnecting…' : undefined),
      ended: (reason) => this.onEnded(reason),
      agentJoined: () => (this.view.chat.waiting.hidden = true),
    };
    return { customer: this.customer, storage: this.storage, storageKey: this.key, listener };
  }

  private startChat(displayName: string, email: string | undefined): Promise<ChatSession> {
    this.starting ??= ChatSession.start(this.deps(), {
      workgroup: this.widget.workgroup,
      displayName,
      ...(email ? { email } : {}),
      ...chatStartExtras(this.widget, this.config),
    })
      .then((session) => {
        this.attach(session, false);
        return session;
      })
      .finally(() => {
        this.starting = undefined;
      });
    return this.starting;
  }

  private attach(session: ChatSession, resumed: boolean): void {
    this.session = session;
    this.view.clearMessages();
    this.view.addMessages(session.transcript.messages);
    const { waiting } = this.view.chat;
    waiting.textContent = `${this.widget.greeting ?? ''} Waiting for someone of ${this.widget.workgroupName}…`.trim();
    waiting.hidden = session.transcript.messages.some((m) => m.participantType !== 'customer');
    this.view.show('chat');
    this.events.emit('started', { chatId: session.chat.chatId, resumed });
  }

  private onMessages(fresh: CustomerMessage[]): void {
    this.view.addMessages(fresh);
    if (fresh.some((m) => m.participantType !== 'customer')) this.view.chat.waiting.hidden = true;
    for (const m of fresh) {
      if (m.participantType !== 'customer') this.view.setTyping('');
      const { seq, text, displayName, participantType, mine, at } = m;
      this.events.emit('messageReceived', { seq, text, displayName, participantType, mine, at });
    }
  }

  private onTyping(name: string, on: boolean): void {
    clearTimeout(this.typingClear);
    this.view.setTyping(on ? `${name} is typing…` : '');
    // A lost "stopped" must not leave the line up for ever.
    if (on) this.typingClear = setTimeout(() => this.view.setTyping(''), 15_000);
  }

  private onEnded(reason: string): void {
    const chatId = this.session?.chat.chatId ?? '';
    this.session = undefined;
    this.view.setTyping('');
    this.view.setStatus(undefined);
    this.view.ended.text.textContent = ENDED_TEXT[reason] ?? 'The chat has ended. Thank you for talking to us!';
    this.view.show('ended');
    this.events.emit('ended', { chatId, reason });
  }

  private wire(): void {
    const v = this.view;
    v.launcher.addEventListener('click', () => (v.isOpen ? this.close() : this.open()));
    v.closeButton.addEventListener('click', () => this.close());
    v.panel.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.stopPropagation();
        this.close();
      }
    });
    v.endButton.addEventListener('click', () => void this.endChat().catch(() => undefined));
    v.start.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.submitStart();
    });
    v.chat.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.submitLine();
    });
    v.chat.input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey) {
        event.preventDefault();
        void this.submitLine();
      }
    });
    v.chat.input.addEventListener('input', () => this.session?.keystroke());
    v.start.callback.addEventListener('click', () => {
      v.callback.done.hidden = true;
      v.callback.submit.hidden = false;
      v.show('callback');
    });
    v.callback.cancel.addEventListener('click', () => v.show(this.session ? 'chat' : 'start'));
    v.callback.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.submitCallback();
    });
    v.ended.again.addEventListener('click', () => v.show('start'));
  }

  private async submitStart(): Promise<void> {
    const { name, email, submit, error } = this.view.start;
    if (!name.value.trim()) return this.view.showError(error, 'Please tell us your name.');
    this.view.showError(error, undefined);
    submit.disabled = true;
    try {
      await this.startChat(name.value.trim(), email.value.trim() || undefined);
    } catch (e) {
      this.view.showError(error, messageOf(e));
    } finally {
      submit.disabled = false;
    }
  }

  private async submitLine(): Promise<void> {
    const { input } = this.view.chat;
    const text = input.value;
    if (!text.trim() || !this.session) return;
    input.value = '';
    try {
      await this.session.send(text);
    } catch (e) {
      input.value = text;
      this.view.setStatus(messageOf(e));
    }
  }

  private async submitCallback(): Promise<void> {
    const { name, phone, subject, submit, error, done } = this.view.callback;
    if (!name.value.trim() || !phone.value.trim())
      return this.view.showError(error, 'Please give your name and a telephone number.');
    this.view.showError(error, undefined);
    submit.disabled = true;
    const { attributes } = chatStartExtras(this.widget, this.config);
    try {
      await this.customer.requestCallback({
        workgroup: this.widget.workgroup,
        name: name.value.trim(),
        telephone: phone.value.trim(),
        ...(subject.value.trim() ? { subject: subject.value.trim() } : {}),
        ...(attributes ? { attributes } : {}),
      });
      done.textContent = 'Thank you! We will call you back soon.';
      done.hidden = false;
      submit.hidden = true;
    } catch (e) {
      this.view.showError(error, messageOf(e));
    } finally {
      submit.disabled = false;
    }
  }
}
