import type { CustomerMessage, PublicWidgetConfig } from '@tandem/client';
import { field, h } from './dom.js';
import { STYLES } from './styles.js';

export type ViewName = 'start' | 'chat' | 'callback' | 'ended';

const CHAT_ICON =
  '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z"/></svg>';

/**
 * The chat window, drawn in an open shadow root on a `<tandem-widget>` element (open, so that
 * end-to-end tests reach inside: Playwright's CSS locators pierce open shadow roots). Elements a
 * test drives carry `data-testid`s. It draws and reports; `Widget` decides.
 */
export class WidgetView {
  readonly host: HTMLElement;
  readonly launcher: HTMLButtonElement;
  readonly panel: HTMLElement;
  readonly status: HTMLElement;
  readonly endButton: HTMLButtonElement;
  readonly closeButton: HTMLButtonElement;
  readonly start = {
    form: h('form', { class: 'view', novalidate: true }),
    name: h('input', { 'data-testid': 'tw-name', autocomplete: 'name', required: true, maxlength: '100' }),
    email: h('input', { 'data-testid': 'tw-email', type: 'email', autocomplete: 'email', maxlength: '254' }),
    submit: h('button', { class: 'primary', type: 'submit', 'data-testid': 'tw-start' }, 'Start chat'),
    callback: h(
      'button',
      { class: 'link', type: 'button', 'data-testid': 'tw-callback-open' },
      'Request a callback instead',
    ),
    error: h('p', { class: 'error', role: 'alert', 'data-testid': 'tw-start-error', hidden: true }),
  };
  readonly chat = {
    view: h('div', { class: 'view' }),
    waiting: h('p', { class: 'greeting waiting', role: 'status', 'data-testid': 'tw-waiting' }),
    log: h('ol', {
      class: 'log',
      role: 'log',
      'aria-live': 'polite',
      'aria-label': 'Conversation',
      'data-testid': 'tw-transcript',
    }),
    typing: h('div', { class: 'typing', 'aria-live': 'polite', 'data-testid': 'tw-typing' }),
    form: h('form', { class: 'composer' }),
    input: h('textarea', { 'data-testid': 'tw-input', rows: '1', maxlength: '4000', placeholder: 'Write a message…' }),
    send: h('button', { class: 'send', type: 'submit', 'data-testid': 'tw-send' }, 'Send'),
  };
  readonly callback = {
    form: h('form', { class: 'view', novalidate: true }),
    name: h('input', { 'data-testid': 'tw-callback-name', autocomplete: 'name', required: true, maxlength: '100' }),
    phone: h('input', {
      'data-testid': 'tw-callback-phone',
      type: 'tel',
      autocomplete: 'tel',
      required: true,
      maxlength: '40',
    }),
    subject: h('input', { 'data-testid': 'tw-callback-subject', maxlength: '500' }),
    submit: h('button', { class: 'primary', type: 'submit', 'data-testid': 'tw-callback-submit' }, 'Call me back'),
    cancel: h('button', { class: 'link', type: 'button', 'data-testid': 'tw-callback-cancel' }, 'Back'),
    error: h('p', { class: 'error', role: 'alert', 'data-testid': 'tw-callback-error', hidden: true }),
    done: h('p', { class: 'done', role: 'status', 'data-testid': 'tw-callback-done', hidden: true }),
  };
  readonly ended = {
    view: h('div', { class: 'view' }),
    text: h('p', { class: 'greeting', role: 'status', 'data-testid': 'tw-ended' }),
    again: h('button', { class: 'primary', type: 'button', 'data-testid': 'tw-new-chat' }, 'Start a new chat'),
  };
  private current: ViewName = 'start';

  constructor(widget: PublicWidgetConfig, doc: Document = document) {
    this.host = doc.createElement('tandem-widget');
    const shadow = this.host.attachShadow({ mode: 'open' });
    const root = h('div', { class: 'root' });
    if (widget.color) root.style.setProperty('--accent', widget.color);
    this.launcher = h('button', {
      class: 'launcher',
      type: 'button',
      'data-testid': 'tw-launcher',
      'aria-label': `Open chat: ${widget.title}`,
      'aria-expanded': 'false',
      'aria-controls': 'tw-panel',
    });
    this.launcher.innerHTML = CHAT_ICON;
    this.endButton = h('button', { class: 'icon', type: 'button', 'data-testid': 'tw-end', hidden: true }, 'End chat');
    this.closeButton = h(
      'button',
      { class: 'icon close', type: 'button', 'aria-label': 'Close the chat window', 'data-testid': 'tw-close' },
      '×',
    );
    this.status = h('div', { class: 'status', role: 'status', 'data-testid': 'tw-status', hidden: true });
    this.panel = h(
      'section',
      {
        id: 'tw-panel',
        class: 'panel',
        role: 'dialog',
        'aria-labelledby': 'tw-title',
        'data-testid': 'tw-panel',
        hidden: true,
      },
      h(
        'header',
        {},
        h(
          'div',
          { class: 'titles' },
          h('h2', { id: 'tw-title' }, widget.title),
          h('div', { class: 'sub' }, widget.workgroupName),
        ),
        this.endButton,
        this.closeButton,
      ),
      this.status,
      this.buildStart(widget),
      this.buildChat(),
      this.buildCallback(),
      this.buildEnded(),
    );
    const style = h('style', {}, STYLES);
    root.append(this.launcher, this.panel);
    shadow.append(style, root);
    this.show('start');
  }

  private buildStart(widget: PublicWidgetConfig): HTMLElement {
    const s = this.start;
    s.form.append(
      h(
        'div',
        { class: 'scroll' },
        widget.greeting ? h('p', { class: 'greeting', 'data-testid': 'tw-greeting' }, widget.greeting) : undefined,
        ...field('tw-name-input', 'Your name', s.name),
        ...field('tw-email-input', 'E-mail (optional)', s.email),
        s.error,
        s.submit,
        widget.callbacksEnabled ? s.callback : undefined,
      ),
    );
    return s.form;
  }

  private buildChat(): HTMLElement {
    const c = this.chat;
    c.form.append(h('label', { class: 'sr', for: 'tw-input-area' }, 'Message'), c.input, c.send);
    c.input.id = 'tw-input-area';
    c.view.append(c.waiting, c.log, c.typing, c.form);
    return c.view;
  }

  private buildCallback(): HTMLElement {
    const c = this.callback;
    c.form.append(
      h(
        'div',
        { class: 'scroll' },
        h('p', { class: 'greeting' }, 'Leave your number and we will call you back.'),
        ...field('tw-cb-name', 'Your name', c.name),
        ...field('tw-cb-phone', 'Telephone number', c.phone),
        ...field('tw-cb-subject', 'What is it about? (optional)', c.subject),
        c.error,
        c.done,
        c.submit,
        c.cancel,
      ),
    );
    return c.form;
  }

  private buildEnded(): HTMLElement {
    this.ended.view.append(h('div', { class: 'scroll' }, this.ended.text, this.ended.again));
    return this.ended.view;
  }

  get view(): ViewName {
    return this.current;
  }

  get isOpen(): boolean {
    return !this.panel.hidden;
  }

  show(view: ViewName): void {
    this.current = view;
    this.start.form.hidden = view !== 'start';
    this.chat.view.hidden = view !== 'chat';
    this.callback.form.hidden = view !== 'callback';
    this.ended.view.hidden = view !== 'ended';
    this.endButton.hidden = view !== 'chat';
    if (this.isOpen) this.focusView();
  }

  setOpen(open: boolean): void {
    this.panel.hidden = !open;
    this.launcher.setAttribute('aria-expanded', String(open));
    this.launcher.setAttribute(
      'aria-label',
      open ? 'Close chat' : `Open chat: ${this.panel.querySelector('h2')?.textContent ?? ''}`,
    );
    if (open) this.focusView();
    else this.launcher.focus();
  }

  /** Moves focus to the first thing to fill in or press in the current view. */
  focusView(): void {
    const target = {
      start: this.start.name,
      chat: this.chat.input,
      callback: this.callback.name,
      ended: this.ended.again,
    }[this.current];
    target.focus();
  }

  /** Draws new lines in `seq` order, placing a late line before the first one after it. */
  addMessages(fresh: readonly CustomerMessage[]): void {
    for (const message of fresh) {
      const who =
        message.participantType === 'system' || message.kind === 'system' ? 'system' : message.mine ? 'mine' : 'agent';
      const item = h(
        'li',
        { class: `msg ${who}`, 'data-testid': 'tw-message', 'data-seq': String(message.seq), 'data-who': who },
        who === 'agent' ? h('span', { class: 'who' }, message.displayName) : undefined,
        message.text,
      );
      const after = [...this.chat.log.children].find((li) => Number((li as HTMLElement).dataset.seq) > message.seq);
      this.chat.log.insertBefore(item, after ?? null);
    }
    this.chat.log.scrollTop = this.chat.log.scrollHeight;
  }

  clearMessages(): void {
    this.chat.log.replaceChildren();
  }

  setTyping(text: string): void {
    this.chat.typing.textContent = text;
  }

  setStatus(text: string | undefined): void {
    this.status.hidden = text === undefined;
    this.status.textContent = text ?? '';
  }

  showError(target: HTMLElement, text: string | undefined): void {
    target.hidden = text === undefined;
    target.textContent = text ?? '';
  }
}
