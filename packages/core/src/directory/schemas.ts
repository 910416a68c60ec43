import { z } from 'zod';
import { licenceType } from '../licences/licence.js';
import { rightList } from '../rights/right.js';
import { responseFile, responseLabel, responseShortcut } from '../responses/response-limits.js';
import { description, displayName, emailAddress, entityId, mediaType, phoneNumber, uniqueList } from './primitives.js';
import { workgroupStatisticsFields } from './workgroup-statistics.js';

/**
 * Input schemas of the directory, one per configuration kind. They are strict: an unknown field is
 * refused and named. Ids travel in the path on update and in the body on create.
 */

export const skillAssignment = z.strictObject({
  skillId: entityId,
  proficiency: z.int('must be a whole number').min(1, 'must be at least 1').max(100, 'must be at most 100'),
  desireToUse: z.int('must be a whole number').min(1, 'must be at least 1').max(100, 'must be at most 100').default(50),
});
export type SkillAssignment = z.infer<typeof skillAssignment>;

export const phones = z.strictObject({
  business: phoneNumber.optional(),
  business2: phoneNumber.optional(),
  mobile: phoneNumber.optional(),
  home: phoneNumber.optional(),
  fax: phoneNumber.optional(),
});

const utilizationEntry = z.strictObject({
  /** Share of the agent's capacity one interaction of this type takes, in percent. */
  utilization: z.int().min(0).max(100),
  /** How many interactions of this type may be assigned at once. */
  maxAssignable: z.int().min(0).max(25),
});
export const utilization = z.partialRecord(mediaType, utilizationEntry);
export type Utilization = z.infer<typeof utilization>;

export const userFields = z.strictObject({
  displayName,
  businessEmail: emailAddress.optional(),
  phones: phones.default({}),
  roles: uniqueList(entityId, 100).default([]),
  workgroups: uniqueList(entityId, 200).default([]),
  skills: z
    .array(skillAssignment)
    .max(200)
    .refine((list) => new Set(list.map((s) => s.skillId)).size === list.length, 'must not name a skill twice')
    .default([]),
  licences: uniqueList(licenceType, 20).default([]),
  rights: rightList.default([]),
  allowedStatuses: uniqueList(entityId, 100).default([]),
  utilization: utilization.default({}),
  /** A disabled user cannot log on. */
  enabled: z.boolean().default(true),
  passwordNeverExpires: z.boolean().default(false),
});
export const userCreate = userFields.extend({
  id: entityId,
  /** Write-only; stored as an argon2 hash, never returned. */
  password: z.string().min(1, 'must not be empty').max(256, 'must be at most 256 characters'),
});
export type UserFields = z.infer<typeof userFields>;

export const roleFields = z.strictObject({
  displayName,
  description: description.optional(),
  rights: rightList.default([]),
});

export const workgroupFields = z.strictObject({
  displayName,
  description: description.optional(),
  /** Members are kept on the users (`user.workgroups`); writing them here updates those users. */
  members: uniqueList(entityId, 10000).optional(),
  supervisors: uniqueList(entityId, 200).default([]),
  hasQueue: z.boolean().default(true),
  active: z.boolean().default(true),
  skills: z
    .array(skillAssignment)
    .max(100)
    .refine((list) => new Set(list.map((s) => s.skillId)).size === list.length, 'must not name a skill twice')
    .default([]),
  wrapUpCodes: uniqueList(entityId, 500).default([]),
  wrapUpRequired: z.boolean().default(false),
  wrapUpTimeoutSeconds: z.int().min(0).max(86400).default(0),
  utilization: utilization.default({}),
  /** Seconds an ACD alert waits for an answer before the agent is marked not answering. */
  alertTimeoutSeconds: z.int().min(5).max(3600).default(15),
  journeyAvailable: z.boolean().default(false),
  mailbox: emailAddress.optional(),
  rights: rightList.default([]),
  /** Shifts, periods and service level of the workgroup's statistics; the server's defaults when absent. */
  statistics: workgroupStatisticsFields.optional(),
});

export const skillFields = z.strictObject({
  displayName,
  treatAsLanguage: z.boolean().default(false),
});

export const statusMessageFields = z.strictObject({
  text: displayName,
  /** Available type (calls ring; green or blue in directories). */
  available: z.boolean(),
  availableForAcd: z.boolean(),
  doNotDisturb: z.boolean().default(false),
  followUp: z.boolean().default(false),
  followMe: z.boolean().default(false),
  systemOnly: z.boolean().default(false),
  forwardNumberRequired: z.boolean().default(false),
  /** When false, only users granted the status (allowed statuses or a view right) may select it. */
  selectableByAll: z.boolean().default(true),
  icon: z.string().max(64).optional(),
});

export const wrapUpCodeFields = z.strictObject({
  displayName,
  category: z.string().max(100).optional(),
});

export const accountCodeFields = z.strictObject({
  name: displayName,
  accessControlGroup: z.string().max(100).optional(),
  notes: z.string().max(4000).optional(),
});
/** Account codes: digits 0-9 only, at most 50 of them; sorted as strings. */
export const accountCodeId = z.string().regex(/^[0-9]{1,50}$/, 'must be 1 to 50 digits 0-9');

export const serverParameterFields = z.strictObject({
  value: z.union([z.string().max(4000), z.number(), z.boolean()]),
  /** Only for parameters outside the catalogue. */
  description: description.optional(),
});

export const licenceFields = z.strictObject({
  count: z.int('must be a whole number').min(0).max(1_000_000),
});

export const securitySpecificationFields = z.strictObject({
  displayName,
  users: uniqueList(entityId, 10000).default([]),
  roles: uniqueList(entityId, 1000).default([]),
  workgroups: uniqueList(entityId, 1000).default([]),
});

/**
 * One response: a message (rich text, may hold macros), a URL (with optional link text) or a file
 * (exactly one, the manual's limit). The shortcut and name need not be unique. `category` is a
 * path (`Billing/Refunds`): personal categories nest to any depth.
 */
export const responseItem = z
  .strictObject({
    id: entityId,
    type: z.enum(['message', 'url', 'file']),
    name: displayName,
    shortcut: responseShortcut.optional(),
    labels: uniqueList(responseLabel, 50).optional(),
    text: z.string().max(20000, 'must be at most 20000 characters').optional(),
    /** Web pages only: `javascript:` and other schemes would run or open something else. */
    url: z
      .url({ protocol: /^https?$/, message: 'must be an http or https URL' })
      .max(2000, 'must be at most 2000 characters')
      .optional(),
    file: responseFile.optional(),
    category: z.string().max(200, 'must be at most 200 characters').optional(),
  })
  .superRefine((item, ctx) => {
    const need = (field: 'text' | 'url' | 'file', what: string) => {
      if (item[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message: `is required: ${what}` });
    };
    if (item.type === 'message') need('text', 'a message response holds its text');
    if (item.type === 'url') need('url', 'a URL response holds its URL');
    if (item.type === 'file') need('file', 'a file response holds one file');
    else if (item.file !== undefined)
      ctx.addIssue({ code: 'custom', path: ['file'], message: 'only a file response holds a file' });
  });
export type ResponseItem = z.output<typeof responseItem>;
export const responseLibraryFields = z.strictObject({
  displayName,
  scope: z.enum(['system', 'personal']).default('system'),
  owner: entityId.optional(),
  items: z
    .array(responseItem)
    .max(5000, 'must hold at most 5000 items')
    .superRefine((items, ctx) => {
      const seen = new Set<string>();
      items.forEach((item, i) => {
        if (seen.has(item.id))
          ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `repeats the item id '${item.id}'` });
        seen.add(item.id);
      });
    })
    .default([]),
});
