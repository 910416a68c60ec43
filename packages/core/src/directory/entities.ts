import type { z } from 'zod';
import type {
  accountCodeFields,
  licenceFields,
  responseLibraryFields,
  roleFields,
  securitySpecificationFields,
  serverParameterFields,
  skillFields,
  statusMessageFields,
  userFields,
  workgroupFields,
  wrapUpCodeFields,
} from './schemas.js';
import type { widgetFields } from './widget-fields.js';
import type { ConfigKind } from './kinds.js';

/** What every stored directory entity carries besides its fields. */
export interface EntityMeta {
  id: string;
  /** Starts at 1, grows by one with each change; clients may send it back in `If-Match`. */
  revision: number;
  createdAt: number;
  updatedAt: number;
}

type Stored<S extends z.ZodType> = EntityMeta & z.output<S>;

export type User = Stored<typeof userFields>;
export type Role = Stored<typeof roleFields>;
/** `members` is not stored on the workgroup: it is derived from `user.workgroups`. */
export type Workgroup = EntityMeta & Omit<z.output<typeof workgroupFields>, 'members'>;
export type Skill = Stored<typeof skillFields>;
export type StatusMessage = Stored<typeof statusMessageFields>;
export type WrapUpCode = Stored<typeof wrapUpCodeFields>;
export type AccountCode = Stored<typeof accountCodeFields>;
export type ServerParameter = Stored<typeof serverParameterFields>;
export type Licence = Stored<typeof licenceFields>;
export type SecuritySpecification = Stored<typeof securitySpecificationFields>;
export type ResponseLibrary = Stored<typeof responseLibraryFields>;
export type Widget = Stored<typeof widgetFields>;

export interface EntityByKind {
  users: User;
  roles: Role;
  workgroups: Workgroup;
  skills: Skill;
  'status-messages': StatusMessage;
  'wrap-up-codes': WrapUpCode;
  'account-codes': AccountCode;
  'server-parameters': ServerParameter;
  licences: Licence;
  'security-specifications': SecuritySpecification;
  'response-libraries': ResponseLibrary;
  widgets: Widget;
}

export type AnyEntity = EntityByKind[ConfigKind];

/** The storage form of an entity: what `DirectoryStore` reads and writes. */
export interface DirectoryRecord {
  kind: ConfigKind;
  id: string;
  revision: number;
  createdAt: number;
  updatedAt: number;
  /** The entity's fields, without the meta. JSON-serialisable. */
  doc: Record<string, unknown>;
}

export function toRecord(kind: ConfigKind, entity: AnyEntity): DirectoryRecord {
  const { id, revision, createdAt, updatedAt, ...doc } = entity;
  return { kind, id, revision, createdAt, updatedAt, doc };
}

export function fromRecord<K extends ConfigKind>(record: DirectoryRecord): EntityByKind[K] {
  return {
    ...record.doc,
    id: record.id,
    revision: record.revision,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  } as EntityByKind[K];
}
