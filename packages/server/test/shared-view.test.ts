import { createInteraction, shapedInteraction, type InteractionEvent, type InteractionLookup } from '@tandem/core';
import { describe, expect, it } from 'vitest';
import { SharedView, changedData, eventData, queueData, viewOf } from '../src/services/shared-view.js';

const lookup: InteractionLookup = {
  userName: (id) => id,
  workgroup: () => undefined,
  isMember: () => false,
  accountCodesEnabled: false,
  accountCodeExists: () => false,
};

const aChat = () =>
  createInteraction(
    { type: 'chat', ownerId: 'a1', attributes: { Tandem_WebChatTokenHash: 'secret', Topic: 'loans' } },
    { now: 1_000, newId: () => 'i1', lookup },
  );

describe('the shared view of a change', () => {
  it('is one view for all the events of the change, built when first read', () => {
    const view = new SharedView(aChat(), 'Offering');
    const event = { type: 'interaction.changed', interactionId: 'i1', at: 1_000 } as InteractionEvent;
    const datas = [eventData(view, event), changedData(view), queueData(view, 'user:a1')];
    expect(new Set(datas.map((d) => d.interaction)).size).toBe(1);
    expect(datas[0]?.interaction).toBe(view.get());
  });

  it('serialises as the view built at once would, without the secret attributes', () => {
    const chat = aChat();
    const view = new SharedView(chat, 'Offering');
    const event = { type: 'interaction.changed', interactionId: 'i1', at: 1_000 } as InteractionEvent;
    const eager = viewOf(chat, 'Offering');
    expect(JSON.stringify(eventData(view, event))).toBe(JSON.stringify({ event, interaction: eager }));
    expect(JSON.stringify(queueData(view, 'user:a1'))).toBe(JSON.stringify({ queue: 'user:a1', interaction: eager }));
    expect(eager.attributes).toEqual({ Topic: 'loans' });
    expect(eager.displayState).toBe('Offering');
    expect(chat.attributes.Tandem_WebChatTokenHash).toBe('secret');
  });

  it('once released, is built again when read, alike', () => {
    const view = new SharedView(aChat(), 'Offering');
    const data = queueData(view, 'user:a1');
    const first = data.interaction;
    view.release();
    const again = data.interaction;
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
    expect(JSON.stringify(data)).toBe(JSON.stringify({ queue: 'user:a1', interaction: first }));
  });

  it('has every field of an interaction, each with its value, then the display state', () => {
    const chat = aChat();
    const view = viewOf(chat, 'Offering');
    // viewOf writes the fields out (see its comment): a field added to interactions must be added there too.
    expect(Object.keys(view)).toEqual([...Object.keys(shapedInteraction(chat)), 'displayState']);
    for (const [key, value] of Object.entries(shapedInteraction(chat)))
      if (key !== 'attributes') expect(view[key as keyof typeof view], key).toBe(value);
  });
});
