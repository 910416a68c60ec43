import { Directory, KIND_SPECS, baseOrganisation, planUpsert, type ConfigKind } from '../src/index.js';

/** A directory built the way the server builds it: every entity planned and applied in order. */
export class DirectoryBuilder {
  readonly directory = Directory.fromRecords([]);
  private now = 1_000;

  with(kind: ConfigKind, id: string, fields: Record<string, unknown> = {}): this {
    const parsed = KIND_SPECS[kind].fields.parse(fields);
    const create = !this.directory.has(kind, id);
    this.directory.apply(
      planUpsert({ directory: this.directory, now: (this.now += 1) }, { kind, id, fields: parsed, create }),
    );
    return this;
  }

  withBase(): this {
    for (const e of baseOrganisation()) this.with(e.kind, e.id, e.fields);
    return this;
  }

  aSkill(id: string): this {
    return this.with('skills', id, { displayName: id });
  }

  aWorkgroup(id: string, fields: Record<string, unknown> = {}): this {
    return this.with('workgroups', id, { displayName: id, ...fields });
  }

  aRole(id: string, rights: unknown[]): this {
    return this.with('roles', id, { displayName: id, rights });
  }

  anAgent(id: string, fields: Record<string, unknown> = {}): this {
    return this.with('users', id, { displayName: id, ...fields });
  }
}

export const aDirectory = () => new DirectoryBuilder();
