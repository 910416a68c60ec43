import type { z } from 'zod';
import type { ConfigArea } from '../rights/right.js';
import { licenceType } from '../licences/licence.js';
import { entityId } from './primitives.js';
import {
  accountCodeFields,
  accountCodeId,
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
import { widgetFields, widgetId } from './widget-fields.js';

export { CONFIG_KINDS, type ConfigKind } from './config-kinds.js';
export * from './widget-fields.js';
import { CONFIG_KINDS, type ConfigKind } from './config-kinds.js';

export interface KindSpec {
  /** Strict schema of the fields a client writes (everything but the id). */
  fields: z.ZodObject;
  id: z.ZodType<string>;
  /** The administrative area whose right guards this kind. */
  area: ConfigArea;
  /** One entity, for messages. */
  noun: string;
}

export const KIND_SPECS: Record<ConfigKind, KindSpec> = {
  users: { fields: userFields, id: entityId, area: 'users', noun: 'user' },
  roles: { fields: roleFields, id: entityId, area: 'roles', noun: 'role' },
  workgroups: { fields: workgroupFields, id: entityId, area: 'workgroups', noun: 'workgroup' },
  skills: { fields: skillFields, id: entityId, area: 'skills', noun: 'skill' },
  'status-messages': { fields: statusMessageFields, id: entityId, area: 'status-messages', noun: 'status message' },
  'wrap-up-codes': { fields: wrapUpCodeFields, id: entityId, area: 'wrap-up-codes', noun: 'wrap-up code' },
  'account-codes': { fields: accountCodeFields, id: accountCodeId, area: 'account-codes', noun: 'account code' },
  'server-parameters': {
    fields: serverParameterFields,
    id: entityId,
    area: 'server-parameters',
    noun: 'server parameter',
  },
  licences: { fields: licenceFields, id: licenceType, area: 'licences', noun: 'licence' },
  'security-specifications': {
    fields: securitySpecificationFields,
    id: entityId,
    area: 'security-specifications',
    noun: 'security specification',
  },
  'response-libraries': {
    fields: responseLibraryFields,
    id: entityId,
    area: 'response-libraries',
    noun: 'response library',
  },
  widgets: { fields: widgetFields, id: widgetId, area: 'widgets', noun: 'widget' },
};

export function isConfigKind(value: string): value is ConfigKind {
  return (CONFIG_KINDS as readonly string[]).includes(value);
}
