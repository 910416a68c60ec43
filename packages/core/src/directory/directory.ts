import { CONFIG_KINDS, type ConfigKind } from './kinds.js';
import { fromRecord, toRecord, type DirectoryRecord, type EntityByKind, type User } from './entities.js';
import { SERVER_PARAMETERS, type ParameterValue } from './server-parameters.js';

/** A set of writes to the directory, applied atomically by the store and then to memory. */
export interface DirectoryChange {
  upserts: DirectoryRecord[];
  deletes: { kind: ConfigKind; id: string }[];
}

type Maps = { [K in ConfigKind]: Map<string, EntityByKind[K]> };

/**
 * The directory held in memory: every configuration entity, rebuilt from the store's records at
 * start (and at any moment after, e.g. on switchover). Reads are synchronous; writes go through
 * `apply`, after the store has committed the same change.
 */
export class Directory {
  private readonly maps: Maps;
  private readonly membersByWorkgroup = new Map<string, Set<string>>();

  private constructor() {
    this.maps = Object.fromEntries(CONFIG_KINDS.map((k) => [k, new Map()])) as unknown as Maps;
  }

  static fromRecords(records: Iterable<DirectoryRecord>): Directory {
    const directory = new Directory();
    directory.apply({ upserts: [...records], deletes: [] });
    return directory;
  }

  get<K extends ConfigKind>(kind: K, id: string): EntityByKind[K] | undefined {
    return this.maps[kind].get(id);
  }

  has(kind: ConfigKind, id: string): boolean {
    return this.maps[kind].has(id);
  }

  /** All entities of a kind, sorted by id as strings (account codes must sort so: `001`, `02`, `1`). */
  list<K extends ConfigKind>(kind: K): EntityByKind[K][] {
    return [...this.maps[kind].values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  count(kind: ConfigKind): number {
    return this.maps[kind].size;
  }

  /** Ids of the users who are members of a workgroup. */
  memberIds(workgroupId: string): string[] {
    return [...(this.membersByWorkgroup.get(workgroupId) ?? [])].sort();
  }

  members(workgroupId: string): User[] {
    return this.memberIds(workgroupId)
      .map((id) => this.maps.users.get(id))
      .filter((u): u is User => u !== undefined);
  }

  /** A server parameter's value: the stored one, else the catalogue default, else undefined. */
  parameter(name: string): ParameterValue | undefined {
    return this.maps['server-parameters'].get(name)?.value ?? SERVER_PARAMETERS[name]?.default;
  }

  intParameter(name: string): number {
    const value = this.parameter(name);
    if (typeof value !== 'number') throw new Error(`server parameter ${name} is not an integer`);
    return value;
  }

  apply(change: DirectoryChange): void {
    for (const { kind, id } of change.deletes) {
      if (kind === 'users') this.unindexUser(id);
      this.maps[kind].delete(id);
    }
    for (const record of change.upserts) {
      if (record.kind === 'users') this.unindexUser(record.id);
      const entity = fromRecord(record);
      (this.maps[record.kind] as Map<string, unknown>).set(record.id, entity);
      if (record.kind === 'users') this.indexUser(entity as User);
    }
  }

  /** Every entity as a storage record, e.g. to write a snapshot. */
  *records(): Generator<DirectoryRecord> {
    for (const kind of CONFIG_KINDS) for (const entity of this.maps[kind].values()) yield toRecord(kind, entity);
  }

  private indexUser(user: User): void {
    for (const wg of user.workgroups) {
      let set = this.membersByWorkgroup.get(wg);
      if (!set) this.membersByWorkgroup.set(wg, (set = new Set()));
      set.add(user.id);
    }
  }

  private unindexUser(userId: string): void {
    const user = this.maps.users.get(userId);
    if (!user) return;
    for (const wg of user.workgroups) this.membersByWorkgroup.get(wg)?.delete(userId);
  }
}
