import type { z } from 'zod';
import type { statusMessageFields } from './schemas.js';

type StatusInput = z.input<typeof statusMessageFields> & { id: string };

/** Ids the server itself relies on: they cannot be deleted. */
export const SYSTEM_STATUS_IDS = {
  available: 'available',
  agentNotAnswering: 'acd-agent-not-answering',
  followUp: 'follow-up',
  goneHome: 'gone-home',
} as const;

const away = { available: false, availableForAcd: false, doNotDisturb: true } as const;

/** The default status values of the agent-client manual, with their flags. */
export const DEFAULT_STATUS_MESSAGES: readonly StatusInput[] = [
  { id: 'available', text: 'Available', available: true, availableForAcd: true },
  { id: 'available-follow-me', text: 'Available, Follow-Me', available: true, availableForAcd: false, followMe: true },
  {
    id: 'available-forward',
    text: 'Available, Forward',
    available: true,
    availableForAcd: false,
    forwardNumberRequired: true,
  },
  { id: 'available-no-acd', text: 'Available, No ACD', available: true, availableForAcd: false },
  { id: 'away-from-desk', text: 'Away From Desk', ...away },
  { id: 'at-lunch', text: 'At Lunch', ...away },
  { id: 'do-not-disturb', text: 'Do Not Disturb', ...away },
  { id: 'follow-up', text: 'Follow Up', available: false, availableForAcd: false, followUp: true },
  { id: 'gone-home', text: 'Gone Home', ...away },
  { id: 'in-a-meeting', text: 'In a Meeting', ...away },
  { id: 'on-vacation', text: 'On Vacation', ...away },
  { id: 'out-of-the-office', text: 'Out of the Office', ...away },
  { id: 'out-of-town', text: 'Out of Town', ...away },
  { id: 'working-at-home', text: 'Working at Home', available: false, availableForAcd: false },
  { id: 'at-a-training-session', text: 'At a Training Session', ...away },
  {
    id: 'acd-agent-not-answering',
    text: 'ACD - Agent Not Answering',
    available: false,
    availableForAcd: false,
    systemOnly: true,
  },
];
