import {
  resolveStatisticsSettings,
  type Directory,
  type DirectoryChange,
  type ResolvedStatisticsSettings,
  type StatisticsSettings,
} from '@tandem/core';

/**
 * Each workgroup's statistics settings: its `statistics` configuration over the server's options
 * over core's defaults. Read again whenever the workgroup's revision changes, so an edit applies
 * without a restart; resolved once per revision.
 */
export class WorkgroupStatisticsSettings {
  readonly defaults: ResolvedStatisticsSettings;
  private readonly fromOptions = new Map<string, ResolvedStatisticsSettings>();
  private readonly configured = new Map<string, { revision: number; settings: ResolvedStatisticsSettings }>();
  /** Each workgroup's `statistics` configuration as last seen, as JSON, to tell a change. */
  private readonly seen = new Map<string, string>();

  constructor(
    private readonly directory: () => Directory,
    options: { defaults?: Partial<StatisticsSettings>; workgroups?: Record<string, Partial<StatisticsSettings>> },
  ) {
    this.defaults = resolveStatisticsSettings(options.defaults);
    for (const [id, partial] of Object.entries(options.workgroups ?? {}))
      this.fromOptions.set(id, resolveStatisticsSettings({ ...options.defaults, ...partial }));
    for (const wg of directory().list('workgroups')) this.seen.set(wg.id, JSON.stringify(wg.statistics ?? null));
  }

  of(workgroupId: string): ResolvedStatisticsSettings {
    const base = this.fromOptions.get(workgroupId) ?? this.defaults;
    const wg = this.directory().get('workgroups', workgroupId);
    if (!wg?.statistics) return base;
    const cached = this.configured.get(workgroupId);
    if (cached?.revision === wg.revision) return cached.settings;
    const own = Object.fromEntries(Object.entries(wg.statistics).filter(([, v]) => v !== undefined));
    let settings = base;
    try {
      settings = resolveStatisticsSettings({ ...base, ...own });
    } catch {
      // The configuration API validated it; a record that no longer resolves keeps the defaults.
    }
    this.configured.set(workgroupId, { revision: wg.revision, settings });
    return settings;
  }

  /** The workgroups whose statistics configuration a directory change altered (not other edits, not new ones without it). */
  changedBy(change: DirectoryChange): string[] {
    const changed: string[] = [];
    for (const record of change.upserts) {
      if (record.kind !== 'workgroups') continue;
      const now = JSON.stringify(record.doc.statistics ?? null);
      if (now === (this.seen.get(record.id) ?? 'null')) continue;
      this.seen.set(record.id, now);
      changed.push(record.id);
    }
    return changed;
  }
}
