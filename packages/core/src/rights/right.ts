import { z } from 'zod';
import { CONFIG_KINDS } from '../directory/config-kinds.js';

/**
 * Rights come in four families, as the manuals split them:
 * - administrative access per configuration area (`area: '*'` with `modify` is the Master Administrator);
 * - access-control rights on queues (view / modify / monitor / search, per user, workgroup or station queue,
 *   optionally narrowed to some of the actions of that level);
 * - access-control rights on other objects (status messages one may select, users whose status one may
 *   change, workgroups whose statistics one may see, response libraries one may use);
 * - process rights (launch / view / manage per process definition);
 * - security rights: boolean capabilities.
 * A target of `'*'` means all objects of that kind.
 */
/** An administrative area per configuration kind, and `rights` for granting rights themselves. */
export const CONFIG_AREAS = [...CONFIG_KINDS, 'rights'] as const;
export type ConfigArea = (typeof CONFIG_AREAS)[number];

export const QUEUE_TYPES = ['user', 'workgroup', 'station'] as const;
export type QueueType = (typeof QUEUE_TYPES)[number];

export const QUEUE_LEVELS = ['view', 'modify', 'monitor', 'search'] as const;
export type QueueLevel = (typeof QUEUE_LEVELS)[number];

/** The actions each queue right level grants, per queue type (manual, Access Control Rights). */
export const QUEUE_LEVEL_ACTIONS: Record<QueueType, Record<QueueLevel, readonly string[]>> = {
  user: {
    view: ['view'],
    modify: ['disconnect', 'hold', 'mute', 'pickup', 'transfer'],
    monitor: ['coach', 'join', 'listen', 'preview', 'record', 'snip'],
    search: ['transfer-target'],
  },
  station: {
    view: ['view'],
    modify: ['disconnect', 'hold', 'mute', 'pickup', 'transfer'],
    monitor: ['coach', 'join', 'listen', 'record'],
    search: ['transfer-target'],
  },
  workgroup: {
    view: ['view'],
    modify: ['disconnect', 'pickup', 'transfer', 'activate-self', 'activate-others'],
    monitor: ['coach', 'join', 'listen', 'monitor', 'record', 'snip'],
    search: ['transfer-target'],
  },
};

export const OBJECT_KINDS = ['status-message', 'user', 'workgroup', 'response-library', 'account-code'] as const;
export type ObjectKind = (typeof OBJECT_KINDS)[number];

/** Which accesses make sense on which object (manual: View Status Messages, Change Status Users, ...). */
export const OBJECT_ACCESSES = ['view', 'change-status', 'statistics', 'view-history'] as const;
export type ObjectAccess = (typeof OBJECT_ACCESSES)[number];

export const PROCESS_ACCESSES = ['launch', 'view', 'manage'] as const;
export type ProcessAccess = (typeof PROCESS_ACCESSES)[number];

export const SECURITY_RIGHTS = [
  'transfer',
  'status-notes',
  'account-code-verification',
  'intercom-chat',
  'multiple-calls',
  'request-assistance',
  'customize-client',
  'follow-me',
  'supervisor-features',
] as const;
export type SecurityRight = (typeof SECURITY_RIGHTS)[number];

const target = z.string().min(1, 'must not be empty').max(128, 'must be at most 128 characters');

export const rightSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('admin'),
    area: z.union([z.enum(CONFIG_AREAS), z.literal('*')]),
    access: z.enum(['view', 'modify']),
    /**
     * Narrows the right to some objects of the area; absent or `*` means all of them. Only account
     * codes are narrowed (the manual's Administrator Access to account codes): `acg:<group>` for the
     * codes in an Access Control Group, `acg:*` for those in any group, or one code. A narrowed
     * right on another area grants nothing.
     */
    target: target.optional(),
  }),
  z.strictObject({
    type: z.literal('queue'),
    queueType: z.enum(QUEUE_TYPES),
    target,
    level: z.enum(QUEUE_LEVELS),
    /** Narrows the level to some of its actions; absent means all of them. */
    actions: z.array(z.string().max(32)).max(16).optional(),
  }),
  z.strictObject({
    type: z.literal('object'),
    object: z.enum(OBJECT_KINDS),
    target,
    access: z.enum(OBJECT_ACCESSES),
  }),
  z.strictObject({
    type: z.literal('process'),
    definition: target,
    access: z.enum(PROCESS_ACCESSES),
  }),
  z.strictObject({
    type: z.literal('security'),
    right: z.enum(SECURITY_RIGHTS),
  }),
]);

export type Right = z.infer<typeof rightSchema>;

export const rightList = z.array(rightSchema).max(500, 'must hold at most 500 rights');
