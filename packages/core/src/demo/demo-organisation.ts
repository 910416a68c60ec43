import { DEFAULT_STATUS_MESSAGES } from '../directory/default-statuses.js';
import type { ConfigKind } from '../directory/kinds.js';
import { LICENCE_TYPES } from '../licences/licence.js';
import { QUEUE_LEVELS, SECURITY_RIGHTS, type QueueLevel, type Right } from '../rights/right.js';

/** One entity to create, as a client would post it (fields before schema defaults). */
export interface SeedEntity {
  kind: ConfigKind;
  id: string;
  fields: Record<string, unknown>;
  /** Update an entity created earlier in the list (to close a reference cycle). */
  update?: boolean;
}

const queueRights = (
  queueType: 'user' | 'workgroup' | 'station',
  target: string,
  levels: readonly QueueLevel[] = QUEUE_LEVELS,
): Right[] => levels.map((level) => ({ type: 'queue', queueType, target, level }));

/** What every fresh system needs: the status messages of the manual and a licence inventory. */
export function baseOrganisation(): SeedEntity[] {
  const statuses = DEFAULT_STATUS_MESSAGES.map(({ id, ...fields }) => ({
    kind: 'status-messages' as const,
    id,
    fields,
  }));
  const licences = LICENCE_TYPES.map((type) => ({
    kind: 'licences' as const,
    id: type,
    fields: { count: type === 'supervisor' ? 25 : 250 },
  }));
  return [...statuses, ...licences];
}

const AGENTS: { id: string; name: string; workgroups: string[]; skills: [string, number][] }[] = [
  {
    id: 'agent1',
    name: 'Ada Lindqvist',
    workgroups: ['Sales'],
    skills: [
      ['English', 90],
      ['Spanish', 40],
    ],
  },
  {
    id: 'agent2',
    name: 'Bruno Okafor',
    workgroups: ['Sales', 'Support'],
    skills: [
      ['English', 70],
      ['Billing', 60],
    ],
  },
  {
    id: 'agent3',
    name: 'Chen Wei',
    workgroups: ['Support'],
    skills: [
      ['English', 80],
      ['Billing', 90],
    ],
  },
  {
    id: 'agent4',
    name: 'Dolores Ruiz',
    workgroups: ['Support'],
    skills: [
      ['Spanish', 95],
      ['English', 60],
      ['Billing', 50],
    ],
  },
  {
    id: 'agent5',
    name: 'Emeka Adeyemi',
    workgroups: ['Loans'],
    skills: [
      ['English', 85],
      ['Credit', 90],
    ],
  },
  {
    id: 'agent6',
    name: 'Freya Nilsen',
    workgroups: ['Loans'],
    skills: [
      ['English', 75],
      ['Spanish', 55],
      ['Credit', 70],
    ],
  },
];

/**
 * The demo organisation `npm start` creates on an empty database: `admin`, `supervisor` and
 * `agent1`..`agent6` in Sales, Support and Loans. Passwords are set by the caller.
 */
export function demoOrganisation(): SeedEntity[] {
  const skills: SeedEntity[] = [
    { kind: 'skills', id: 'English', fields: { displayName: 'English', treatAsLanguage: true } },
    { kind: 'skills', id: 'Spanish', fields: { displayName: 'Spanish', treatAsLanguage: true } },
    { kind: 'skills', id: 'Billing', fields: { displayName: 'Billing' } },
    { kind: 'skills', id: 'Credit', fields: { displayName: 'Credit' } },
  ];
  const wrapUps: SeedEntity[] = ['Resolved', 'Follow-up needed', 'Sale made', 'No sale', 'Escalated'].map((name) => ({
    kind: 'wrap-up-codes',
    id: name,
    fields: { displayName: name },
  }));
  const roles: SeedEntity[] = [
    {
      kind: 'roles',
      id: 'Administrator',
      fields: {
        displayName: 'Administrator',
        rights: [
          { type: 'admin', area: '*', access: 'modify' },
          ...queueRights('user', '*'),
          ...queueRights('workgroup', '*'),
          ...queueRights('station', '*'),
          { type: 'object', object: 'user', target: '*', access: 'change-status' },
          { type: 'object', object: 'workgroup', target: '*', access: 'statistics' },
          { type: 'object', object: 'status-message', target: '*', access: 'view' },
          { type: 'process', definition: '*', access: 'manage' },
          { type: 'process', definition: '*', access: 'launch' },
          ...SECURITY_RIGHTS.map((right) => ({ type: 'security', right })),
        ],
      },
    },
    {
      kind: 'roles',
      id: 'Supervisor',
      fields: {
        displayName: 'Supervisor',
        rights: [
          ...queueRights('workgroup', '*'),
          ...queueRights('user', '*', ['view', 'monitor', 'search']),
          { type: 'object', object: 'user', target: '*', access: 'change-status' },
          { type: 'object', object: 'workgroup', target: '*', access: 'statistics' },
          { type: 'admin', area: 'users', access: 'view' },
          { type: 'admin', area: 'workgroups', access: 'view' },
          { type: 'process', definition: '*', access: 'view' },
          ...(['transfer', 'status-notes', 'supervisor-features', 'intercom-chat'] as const).map((right) => ({
            type: 'security',
            right,
          })),
        ],
      },
    },
    {
      kind: 'roles',
      id: 'Agent',
      fields: {
        displayName: 'Agent',
        rights: [
          ...queueRights('user', '*', ['search']),
          ...queueRights('workgroup', '*', ['search']),
          ...(['transfer', 'status-notes', 'request-assistance', 'intercom-chat'] as const).map((right) => ({
            type: 'security',
            right,
          })),
        ],
      },
    },
  ];
  const workgroups: SeedEntity[] = ['Sales', 'Support', 'Loans'].map((name) => ({
    kind: 'workgroups',
    id: name,
    fields: {
      displayName: name,
      supervisors: [],
      skills: name === 'Loans' ? [{ skillId: 'Credit', proficiency: 50 }] : [],
      wrapUpCodes: ['Resolved', 'Follow-up needed', 'Escalated', ...(name === 'Sales' ? ['Sale made', 'No sale'] : [])],
      mailbox: `${name.toLowerCase()}@tandem.example`,
      rights: [
        { type: 'queue', queueType: 'workgroup', target: name, level: 'view' },
        {
          type: 'queue',
          queueType: 'workgroup',
          target: name,
          level: 'modify',
          actions: ['pickup', 'transfer', 'disconnect', 'activate-self'],
        },
        { type: 'object', object: 'workgroup', target: name, access: 'statistics' },
      ],
    },
  }));
  const agentLicences = ['acd-chat', 'acd-email', 'acd-callback', 'acd-generic', 'process-group-routed'];
  const users: SeedEntity[] = [
    {
      kind: 'users',
      id: 'admin',
      fields: {
        displayName: 'Alex Admin',
        roles: ['Administrator'],
        businessEmail: 'admin@tandem.example',
        licences: ['supervisor', 'process-designer', 'journey'],
      },
    },
    {
      kind: 'users',
      id: 'supervisor',
      fields: {
        displayName: 'Sam Supervisor',
        roles: ['Supervisor'],
        businessEmail: 'supervisor@tandem.example',
        licences: ['supervisor', 'process-monitor', ...agentLicences.filter((l) => !l.startsWith('process'))],
      },
    },
    ...AGENTS.map((a): SeedEntity => ({
      kind: 'users',
      id: a.id,
      fields: {
        displayName: a.name,
        roles: ['Agent'],
        workgroups: a.workgroups,
        businessEmail: `${a.id}@tandem.example`,
        phones: { business: `+1 555 0100 ${a.id.slice(-1)}` },
        skills: a.skills.map(([skillId, proficiency]) => ({ skillId, proficiency, desireToUse: 50 })),
        licences: agentLicences,
      },
    })),
  ];
  // Workgroups and users name each other: workgroups come first, their supervisors after the users.
  const supervised = workgroups.map((wg) => ({
    ...wg,
    update: true,
    fields: { ...wg.fields, supervisors: ['supervisor'] },
  }));
  // The widget of the demo page (`/demo`): visitors chat with Support.
  const widgets: SeedEntity[] = [
    {
      kind: 'widgets',
      id: 'support',
      fields: {
        name: 'Support chat',
        workgroup: 'Support',
        title: 'Chat with Support',
        greeting: 'Hello! Ask us anything: an agent of our Support team answers in a moment.',
        color: '#2f5fd0',
        callbacksEnabled: true,
        attributes: { source: 'demo-page' },
      },
    },
  ];
  return [...skills, ...wrapUps, ...roles, ...workgroups, ...users, ...supervised, ...widgets];
}
