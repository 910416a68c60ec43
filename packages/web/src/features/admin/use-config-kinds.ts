import { getOpenApiDocument, type TandemClient } from '@tandem/client';
import { useEffect, useState } from 'react';
import { useSession } from '../../app/session-context.js';
import { configKindsOf, type KindSchema } from './config-kinds.js';

const loaded = new WeakMap<TandemClient, Promise<KindSchema[]>>();

/** The configuration kinds of the server's OpenAPI document (fetched once per session). */
export function useConfigKinds(): { kinds: KindSchema[] | undefined; error: unknown } {
  const { client } = useSession();
  const [state, setState] = useState<{ kinds: KindSchema[] | undefined; error: unknown }>({
    kinds: undefined,
    error: undefined,
  });
  useEffect(() => {
    let live = true;
    let promise = loaded.get(client);
    if (!promise) {
      promise = getOpenApiDocument(client).then(configKindsOf);
      promise.catch(() => loaded.delete(client));
      loaded.set(client, promise);
    }
    promise.then(
      (kinds) => live && setState({ kinds, error: undefined }),
      (error: unknown) => live && setState({ kinds: undefined, error }),
    );
    return () => {
      live = false;
    };
  }, [client]);
  return state;
}
