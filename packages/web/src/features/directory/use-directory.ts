import {
  listDirectoryUsers,
  listDirectoryWorkgroups,
  type DirectoryUser,
  type DirectoryWorkgroup,
  type TandemClient,
} from '@tandem/client';
import { useEffect, useState } from 'react';
import { useSession } from '../../app/session-context.js';

/** One load per client and list: several views share it (the directory changes rarely). */
const cache = new WeakMap<TandemClient, Map<string, Promise<unknown>>>();

function cached<T>(client: TandemClient, key: string, load: () => Promise<T>): Promise<T> {
  const perClient = cache.get(client) ?? new Map<string, Promise<unknown>>();
  cache.set(client, perClient);
  let promise = perClient.get(key) as Promise<T> | undefined;
  if (!promise) {
    promise = load();
    promise.catch(() => perClient.delete(key));
    perClient.set(key, promise);
  }
  return promise;
}

/** Forgets the loaded directory (after an administrator changed users or workgroups). */
export function forgetDirectory(client: TandemClient): void {
  cache.delete(client);
}

function useLoaded<T>(
  key: string,
  load: (client: TandemClient) => Promise<T>,
): { data: T | undefined; error: unknown } {
  const { client } = useSession();
  const [state, setState] = useState<{ data: T | undefined; error: unknown }>({ data: undefined, error: undefined });
  useEffect(() => {
    let live = true;
    cached(client, key, () => load(client)).then(
      (data) => live && setState({ data, error: undefined }),
      (error: unknown) => live && setState({ data: undefined, error }),
    );
    return () => {
      live = false;
    };
  }, [client, key, load]);
  return state;
}

const loadWorkgroups = async (client: TandemClient) => (await listDirectoryWorkgroups(client)).items;
const loadUsers = async (client: TandemClient) => (await listDirectoryUsers(client)).items;

/** Every workgroup of the company directory. */
export function useWorkgroups(): { data: DirectoryWorkgroup[] | undefined; error: unknown } {
  return useLoaded('workgroups', loadWorkgroups);
}

/** Every enabled user of the company directory. */
export function useUsers(): { data: DirectoryUser[] | undefined; error: unknown } {
  return useLoaded('users', loadUsers);
}
