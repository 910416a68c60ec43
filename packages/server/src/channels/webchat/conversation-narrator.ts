import type { Interaction, InteractionEvent, QueueRef } from '@tandem/core';
import { IN_CONVERSATION, TALKING, customerOf, isWebChat } from './chat-identity.js';
import type { ChatEndReason, CustomerEvent } from './customer-events.js';

/** What a change of a chat means for its transcript and its customer. */
export interface ChatStory {
  /** System lines for the transcript, in order. */
  lines: string[];
  /** Sent to the customer once the lines are committed. */
  customerEvents: CustomerEvent[];
  /** Set when the change ended the chat. */
  ended: ChatEndReason | undefined;
  /** An agent is now connected and was not just before (pickup, unhold): the customer's idle time starts again. */
  agentConnected: boolean;
}

export interface NarratorDeps {
  nameOf(userId: string): string;
  workgroupName(workgroupId: string): string;
  endReasonOf(ix: Interaction, hadAgent: boolean): ChatEndReason;
}

const joined = (name: string) => `${name} has joined the conversation.`;
const left = (name: string) => `${name} has left the conversation.`;

/**
 * Turns interaction changes into the transcript's system lines, as the manual shows them
 * ("Ann Smith has joined the conversation.", "Interaction transferred to Support."), and into the
 * customer's agent-joined / agent-left / chat-ended events. Pure: no I/O.
 */
export class ConversationNarrator {
  constructor(private readonly deps: NarratorDeps) {}

  describe(ix: Interaction, events: readonly InteractionEvent[], before: Interaction | undefined): ChatStory {
    const story: ChatStory = { lines: [], customerEvents: [], ended: undefined, agentConnected: false };
    const ended = ix.state === 'disconnected' && before !== undefined && before.state !== 'disconnected';
    const customerLeft = ended && ix.disconnectReason === 'remote';
    for (const e of events)
      if (e.type === 'interaction.transferred' && e.queue)
        story.lines.push(`Interaction transferred to ${this.queueName(e.queue)}.`);

    const was = before && IN_CONVERSATION.has(before.state) ? before.userId : undefined;
    const now = IN_CONVERSATION.has(ix.state) ? ix.userId : undefined;
    if (was !== undefined && was !== now && !customerLeft) this.agent(story, 'left', was);
    if (now !== undefined && now !== was) this.agent(story, 'joined', now);

    const present = (i: Interaction | undefined) =>
      new Set((i?.participants ?? []).filter((p) => p.kind === 'user' && p.leftAt === undefined).map((p) => p.id));
    const previously = present(before);
    const currently = present(ix);
    if (!ended) {
      for (const id of currently) if (!previously.has(id) && id !== now) this.agent(story, 'joined', id);
      for (const id of previously) if (!currently.has(id) && id !== was) this.agent(story, 'left', id);
    }

    if (ended) {
      if (customerLeft && isWebChat(ix)) story.lines.push(left(customerOf(ix).displayName));
      story.ended = this.deps.endReasonOf(ix, was !== undefined);
    }
    story.agentConnected = TALKING.has(ix.state) && !(before !== undefined && TALKING.has(before.state));
    return story;
  }

  private agent(story: ChatStory, what: 'joined' | 'left', userId: string): void {
    const displayName = this.deps.nameOf(userId);
    story.lines.push(what === 'joined' ? joined(displayName) : left(displayName));
    story.customerEvents.push({ type: what === 'joined' ? 'agent-joined' : 'agent-left', data: { displayName } });
  }

  private queueName(queue: QueueRef): string {
    if (queue.type === 'workgroup') return this.deps.workgroupName(queue.id);
    if (queue.type === 'user') return this.deps.nameOf(queue.id);
    return queue.id;
  }
}
