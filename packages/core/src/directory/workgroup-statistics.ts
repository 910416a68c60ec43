import { z } from 'zod';

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

function knownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * A workgroup's statistics settings, as the administrator sets them on the workgroup: the manual
 * has the start of each shift and the minutes in each period (counted from midnight) defined per
 * workgroup, and the service-level time limit too. Every field is optional; a missing one takes the
 * server's default (core's `DEFAULT_STATISTICS_SETTINGS`: one shift from midnight, 30-minute
 * periods, 20 seconds of service level, UTC), so workgroups stored before these fields existed
 * keep their figures unchanged.
 */
export const workgroupStatisticsFields = z.strictObject({
  /** IANA time zone in which the shift starts and periods are read (`Europe/Paris`). */
  timeZone: z
    .string()
    .max(64, 'must be at most 64 characters')
    .refine(knownTimeZone, 'must be a known IANA time zone')
    .optional(),
  /** Local start times of the shifts, `HH:MM`; each shift ends when the next starts. */
  shiftStarts: z
    .array(z.string().regex(HH_MM, 'must be a time HH:MM'))
    .min(1, 'must name at least one shift start')
    .max(48, 'must hold at most 48 shift starts')
    .refine((list) => new Set(list).size === list.length, 'must not repeat a time')
    .optional(),
  /** Minutes in each period, counted from local midnight. */
  periodMinutes: z
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(1440, 'must be at most 1440')
    .optional(),
  /** Service-level time limit in seconds: answered within it meets the target. */
  serviceLevelSeconds: z
    .int('must be a whole number')
    .min(0, 'must be 0 or more')
    .max(86_400, 'must be at most 86400')
    .optional(),
  /** Handle time the wait estimate assumes while the workgroup has no history yet, in seconds. */
  defaultHandleSeconds: z
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(86_400, 'must be at most 86400')
    .optional(),
});
export type WorkgroupStatisticsFields = z.output<typeof workgroupStatisticsFields>;
