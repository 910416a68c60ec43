import type { TandemEvent } from '@tandem/client';
import { useEffect, useEffectEvent, useState } from 'react';
import { useSession } from './session-store.js';

export interface UseTopicOptions {
  /** The subscription is acknowledged (first time): load the REST state now, then apply events newer than it. */
  onReady?: () => void;
  /** The server could not replay what was missed while disconnected: reload the REST state. */
  onResync?: () => void;
}

/**
 * Listens to `topic` events that match `filter` over the session's one shared EventStream. After a
 * drop the stream resumes from its last seq (nothing missed, nothing twice). The filter is compared
 * by value, so an inline object literal does not resubscribe on every render. An empty `topic`
 * follows nothing (for a list that is still empty).
 */
export function useTopic(
  topic: string,
  filter: Record<string, unknown>,
  onEvent: (event: TandemEvent) => void,
  options: UseTopicOptions = {},
): { connected: boolean } {
  const { mux, stream } = useSession();
  const [connected, setConnected] = useState(stream.connected);
  const onTopicEvent = useEffectEvent((event: TandemEvent) => onEvent(event));
  const onReady = useEffectEvent(() => options.onReady?.());
  const onResync = useEffectEvent(() => options.onResync?.());
  const filterKey = JSON.stringify(filter);

  useEffect(() => {
    if (topic === '') return; // nothing to follow (yet)
    const parsed = JSON.parse(filterKey) as Record<string, unknown>;
    return mux.listen(topic, {
      filter: parsed,
      onEvent: (event) => onTopicEvent(event),
      onReady: () => onReady(),
      onResync: () => onResync(),
    });
  }, [mux, topic, filterKey]);

  useEffect(() => {
    const offOpen = stream.on('open', () => setConnected(true));
    const offDown = stream.on('disconnected', () => setConnected(false));
    const offClosed = stream.on('closed', () => setConnected(false));
    return () => {
      offOpen();
      offDown();
      offClosed();
    };
  }, [stream]);

  return { connected };
}
