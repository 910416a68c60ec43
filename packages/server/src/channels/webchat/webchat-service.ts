import {
  SYSTEM_ACTOR,
  TandemError,
  fieldError,
  webToolsAttributes,
  type ChatMessage,
  type Clock,
  type IdSource,
  type Interaction,
  type TandemStore,
} from '@tandem/core';
import type { FastifyBaseLogger } from 'fastify';
import type { DirectoryService } from '../../services/directory-service.js';
import type { InteractionService } from '../../services/interaction-service.js';
import type { EventSink } from '../../services/ports.js';
import { CHAT_ATTRIBUTES, TALKING, checkToken, customerOf, hashToken, isWebChat } from './chat-identity.js';
import { ChatTranscripts } from './chat-transcripts.js';
import { CustomerEvents, customerView, type ChatEndReason } from './customer-events.js';
import { ConversationNarrator } from './conversation-narrator.js';
import { IdleMonitor } from './idle-monitor.js';
import { routingOfContexts, type RoutingContext } from './routing-contexts.js';

export interface WebChatDeps {
  interactions: InteractionService;
  directory: DirectoryService;
  /** The event hub: agents hear of chat messages and typing on the `interaction` topic. */
  hub: EventSink;
  store: Pick<TandemStore, 'chat' | 'attachments'>;
  clock: Clock;
  ids: IdSource;
  logger: FastifyBaseLogger;
}

export interface StartChat {
  workgroup: string;
  displayName: string;
  email?: string | undefined;
  attributes?: Record<string, string> | undefined;
  routingContexts?: RoutingContext[] | undefined;
}

export interface StartedChat {
  chatId: string;
  participantId: string;
  token: string;
}

const URL_ONLY = /^https:\/\/\S+$/;
/** Ticks (one a second in production) between sweeps of the numbering of chats no longer in memory. */
const SWEEP_EVERY_TICKS = 60;

/**
 * Web chat: the customer's side (start, write, type, leave) and the agents' (write, type), one
 * transcript per chat. Every line is committed before it is acknowledged or shown to anyone; then
 * it goes to the agents through the hub (`interaction.chat-message`, scope `{interactionId}`) and
 * to the customer's open connections.
 */
export class WebChatService {
  readonly transcripts: ChatTranscripts;
  readonly customers = new CustomerEvents();
  readonly idle: IdleMonitor;
  private ticks = 0;

  constructor(private readonly deps: WebChatDeps) {
    this.transcripts = new ChatTranscripts(deps.store.chat);
    this.transcripts.onMessage((message) => this.announce(message));
    this.idle = new IdleMonitor({
      interactions: deps.interactions,
      directory: deps.directory,
      clock: deps.clock,
      say: (ix, text) => this.system(ix.id, text),
      warn: (ix, disconnectAt) => this.customers.send(ix.id, { type: 'idle-warning', data: { disconnectAt } }),
    });
    const narrator = new ConversationNarrator({
      nameOf: (userId) => this.displayNameOf(userId),
      workgroupName: (id) => deps.directory.directory.get('workgroups', id)?.displayName ?? id,
      endReasonOf: (ix, hadAgent) => this.endReasonOf(ix, hadAgent),
    });
    deps.interactions.onDropped((id) => this.transcripts.forget(id));
    deps.interactions.onChange((ix, events, before) => {
      if (ix.type !== 'chat') return;
      // No earlier state: created by this server just now, with a new id, so nothing is stored for it.
      if (before === undefined) this.transcripts.began(ix.id);
      try {
        const story = narrator.describe(ix, events, before);
        if (story.agentConnected) this.idle.reset(ix.id);
        if (story.lines.length > 0 || story.customerEvents.length > 0 || story.ended) void this.tell(ix.id, story);
      } catch (error) {
        deps.logger.error({ err: error, interactionId: ix.id }, 'web chat: describing a change failed');
      }
    });
  }

  /** Starts a chat and puts it in the workgroup's queue; resolves once committed. */
  async start(input: StartChat): Promise<StartedChat> {
    const { directory, ids, interactions } = this.deps;
    const wg = directory.directory.get('workgroups', input.workgroup);
    if (!wg?.hasQueue || !wg.active)
      throw fieldError('workgroup', `no active workgroup '${input.workgroup}' with a queue`);
    const routing = routingOfContexts(input.routingContexts ?? [], directory.directory);
    const token = ids.newSecret();
    const participantId = ids.newId('visitor');
    const attributes: Record<string, string> = {
      ...webToolsAttributes(input.attributes ?? {}),
      ...routing.attributes,
      [CHAT_ATTRIBUTES.remoteName]: input.displayName,
      [CHAT_ATTRIBUTES.participantId]: participantId,
      [CHAT_ATTRIBUTES.tokenHash]: hashToken(token),
    };
    if (input.email !== undefined) attributes[CHAT_ATTRIBUTES.email] = input.email;
    const ix = await interactions.create(
      {
        type: 'chat',
        workgroupId: wg.id,
        skills: routing.skills,
        attributes,
        participants: [{ id: participantId, kind: 'customer', displayName: input.displayName }],
      },
      SYSTEM_ACTOR,
    );
    this.idle.reset(ix.id);
    return { chatId: ix.id, participantId, token };
  }

  /** The web chat `chatId` if `token` is its customer's: live, or finished (from the store). */
  async authenticate(chatId: string, token: string | undefined): Promise<Interaction> {
    const ix = this.deps.interactions.get(chatId) ?? (await this.findFinished(chatId));
    if (!ix || !isWebChat(ix)) throw new TandemError('NOT_FOUND', `no web chat '${chatId}'`);
    checkToken(ix, token);
    return ix;
  }

  async postCustomer(chatId: string, text: string): Promise<ChatMessage> {
    const ix = this.liveChat(chatId);
    const customer = customerOf(ix);
    this.idle.touch(chatId);
    return this.transcripts.append({
      interactionId: chatId,
      participantId: customer.participantId,
      participantType: 'customer',
      displayName: customer.displayName,
      kind: URL_ONLY.test(text) ? 'url' : 'text',
      text,
      at: this.deps.clock.now(),
    });
  }

  customerTyping(chatId: string, on: boolean): void {
    const ix = this.liveChat(chatId);
    const customer = customerOf(ix);
    if (on) this.idle.touch(chatId);
    this.publish(ix, 'chat-typing', {
      interactionId: chatId,
      participantId: customer.participantId,
      participantType: 'customer',
      displayName: customer.displayName,
      on,
    });
  }

  /** The customer leaves: Remote Disconnect. Leaving a chat that already ended changes nothing. */
  async leave(chatId: string): Promise<void> {
    const ix = this.deps.interactions.get(chatId);
    if (!ix || ix.state === 'disconnected') return;
    await this.deps.interactions.command(chatId, { type: 'disconnect', by: 'remote' }, SYSTEM_ACTOR);
  }

  /**
   * The chat if `userId` may write in it: the user it is assigned to while connected (not held,
   * not still alerting), or a conference participant. Throws INTERACTION_NOT_FOUND,
   * ACTION_NOT_ALLOWED (not a chat, ended, not picked up) or NOT_ASSIGNED.
   */
  writableBy(interactionId: string, userId: string): Interaction {
    const ix = this.deps.interactions.get(interactionId);
    if (!ix) throw new TandemError('INTERACTION_NOT_FOUND', `no interaction '${interactionId}' in progress`);
    if (ix.type !== 'chat')
      throw new TandemError('ACTION_NOT_ALLOWED', `interaction ${ix.id} is a ${ix.type}, not a chat`);
    if (ix.state === 'disconnected') throw new TandemError('ACTION_NOT_ALLOWED', 'the chat has ended');
    if (ix.participants.some((p) => p.kind === 'user' && p.id === userId && p.leftAt === undefined)) return ix;
    if (ix.userId !== userId)
      throw new TandemError(
        'NOT_ASSIGNED',
        'only a user connected to the chat (its agent or a conference participant) may write in it',
      );
    if (!TALKING.has(ix.state))
      throw new TandemError('ACTION_NOT_ALLOWED', `the chat is ${ix.state}: pick it up (or take it off hold) first`, {
        state: ix.state,
      });
    return ix;
  }

  async postAgent(interactionId: string, userId: string, text: string): Promise<ChatMessage> {
    this.writableBy(interactionId, userId);
    return this.transcripts.append({
      interactionId,
      participantId: userId,
      participantType: 'agent',
      displayName: this.displayNameOf(userId),
      kind: URL_ONLY.test(text) ? 'url' : 'text',
      text,
      at: this.deps.clock.now(),
    });
  }

  agentTyping(interactionId: string, userId: string, on: boolean): void {
    const ix = this.writableBy(interactionId, userId);
    const displayName = this.displayNameOf(userId);
    this.customers.send(interactionId, { type: 'typing', data: { participantType: 'agent', displayName, on } });
    this.publish(ix, 'chat-typing', {
      interactionId,
      participantId: userId,
      participantType: 'agent',
      displayName,
      on,
    });
  }

  /** A system line in the transcript ("Ann Smith has joined the conversation."). */
  system(interactionId: string, text: string): Promise<ChatMessage> {
    return this.transcripts.append({
      interactionId,
      participantId: 'system',
      participantType: 'system',
      displayName: 'System',
      kind: 'system',
      text,
      at: this.deps.clock.now(),
    });
  }

  /**
   * Idle warnings and disconnects that are due. A chat's numbering is forgotten when it is dropped
   * from memory; once a minute a sweep also forgets any numbering left for a chat not in memory
   * (a line written to it as it was dropped). Every second, that look at each lingering chat made
   * the event loop stall for about 13 ms at 2,000 interactions a second.
   */
  async tick(): Promise<void> {
    await this.idle.tick();
    this.ticks += 1;
    if (this.ticks % SWEEP_EVERY_TICKS === 0) this.transcripts.forgetExcept((id) => this.deps.interactions.has(id));
  }

  /** Why the chat ended, or undefined while it goes on. */
  async endedReason(chatId: string): Promise<ChatEndReason | undefined> {
    const ix = this.deps.interactions.get(chatId) ?? (await this.findFinished(chatId));
    if (ix?.state !== 'disconnected') return undefined;
    if (ix.disconnectReason === 'remote') return 'customer-left';
    return ix.disconnectReason === 'queue-timeout' ? 'queue-timeout' : 'ended';
  }

  /** A live chat the customer may still write in; ACTION_NOT_ALLOWED once it ended. */
  private liveChat(chatId: string): Interaction {
    const ix = this.deps.interactions.get(chatId);
    if (!ix || ix.state === 'disconnected') throw new TandemError('ACTION_NOT_ALLOWED', 'the chat has ended');
    return ix;
  }

  private async findFinished(chatId: string): Promise<Interaction | undefined> {
    try {
      return await this.deps.interactions.find(chatId);
    } catch (error) {
      if (error instanceof TandemError && error.code === 'INTERACTION_NOT_FOUND') return undefined;
      throw error;
    }
  }

  displayNameOf(userId: string): string {
    return this.deps.directory.directory.get('users', userId)?.displayName ?? userId;
  }

  private endReasonOf(ix: Interaction, hadAgent: boolean): ChatEndReason {
    if (this.idle.endedForIdleness(ix.id)) return 'idle-timeout';
    if (ix.disconnectReason === 'remote') return 'customer-left';
    if (ix.disconnectReason === 'queue-timeout') return 'queue-timeout';
    return hadAgent ? 'agent-ended' : 'ended';
  }

  /** Writes the system lines of a change, then tells the customer, in that order. */
  private async tell(chatId: string, story: ReturnType<ConversationNarrator['describe']>): Promise<void> {
    try {
      for (const line of story.lines) await this.system(chatId, line);
      for (const event of story.customerEvents) this.customers.send(chatId, event);
    } catch (error) {
      this.deps.logger.error({ err: error, interactionId: chatId }, 'web chat: writing a system line failed');
    } finally {
      if (story.ended) {
        this.idle.forget(chatId);
        this.customers.send(chatId, { type: 'chat-ended', data: { reason: story.ended } });
      }
    }
  }

  private announce(message: ChatMessage): void {
    const ix = this.deps.interactions.get(message.interactionId);
    if (ix) this.publish(ix, 'chat-message', { interactionId: ix.id, message });
    const customerId = ix ? customerOf(ix).participantId : '';
    this.customers.send(message.interactionId, { type: 'message', data: customerView(message, customerId) });
  }

  private publish(ix: Interaction, event: 'chat-message' | 'chat-typing', data: unknown): void {
    const scope = { interactionId: ix.id, userId: ix.userId ?? '', workgroupId: ix.workgroupId ?? '' };
    this.deps.hub.publish('interaction', event, data, scope);
  }
}
