import { listConfig, listDirectoryUsers, listDirectoryWorkgroups, type TandemClient } from '@tandem/client';
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { useSession } from '../../app/session-context.js';
import { summaryOf } from './config-kinds.js';

/** An id another record may refer to, with the name it is shown under. */
export interface RefOption {
  id: string;
  label: string;
}

type Options = ReadonlyMap<string, RefOption[]>;
const ReferenceContext = createContext<Options>(new Map());

/** The records of `kind` to choose from: the configuration list, else the company directory (users, workgroups). */
async function optionsOf(client: TandemClient, kind: string): Promise<RefOption[]> {
  try {
    const { items } = await listConfig(client, kind);
    return items.map((r) => ({ id: r.id, label: summaryOf(r) || r.id }));
  } catch {
    if (kind === 'users')
      return (await listDirectoryUsers(client)).items.map((u) => ({ id: u.id, label: u.displayName }));
    if (kind === 'workgroups')
      return (await listDirectoryWorkgroups(client)).items.map((w) => ({ id: w.id, label: w.displayName }));
    return [];
  }
}

/** Loads the options of every kind the editor's fields refer to; `version` reloads them after a save. */
export function ReferenceOptions({
  kinds,
  version,
  children,
}: {
  kinds: readonly string[];
  version: number;
  children: ReactNode;
}) {
  const { client } = useSession();
  const [options, setOptions] = useState<Options>(new Map());
  const key = [...new Set(kinds)].sort().join(',');
  useEffect(() => {
    let live = true;
    const list = key ? key.split(',') : [];
    void Promise.all(list.map(async (k) => [k, await optionsOf(client, k).catch(() => [])] as const)).then(
      (entries) => live && setOptions(new Map(entries)),
    );
    return () => {
      live = false;
    };
  }, [client, key, version]);
  return <ReferenceContext.Provider value={options}>{children}</ReferenceContext.Provider>;
}

/** The options of `kind` (empty until loaded, or when the user may not read them). */
export function useRefOptions(kind: string | undefined): RefOption[] {
  const options = useContext(ReferenceContext);
  return kind ? (options.get(kind) ?? []) : [];
}
