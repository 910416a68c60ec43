import { expandResponse, responsesByShortcut, type InteractionView, type ResponseHit } from '@tandem/client';
import { useCallback } from 'react';
import { useSession } from '../../app/session-store.js';

/** The text a response inserts, macros expanded for this interaction. */
export function useResponseText(ix: InteractionView): (hit: ResponseHit) => Promise<string> {
  const { client } = useSession();
  return useCallback(
    async (hit: ResponseHit) => {
      const raw = hit.item.type === 'url' ? (hit.item.url ?? '') : (hit.item.text ?? '');
      return (await expandResponse(client, raw, ix.attributes)).text;
    },
    [client, ix.attributes],
  );
}

/** Resolves a typed shortcut: an exact match first, else the only prefix match; several answers the list. */
export function useShortcutLookup(): (shortcut: string) => Promise<ResponseHit[]> {
  const { client } = useSession();
  return useCallback(
    async (shortcut: string) => {
      const exact = await responsesByShortcut(client, shortcut, true).catch(() => []);
      if (exact.length > 0) return exact.slice(0, 1);
      return responsesByShortcut(client, shortcut, false).catch(() => []);
    },
    [client],
  );
}
