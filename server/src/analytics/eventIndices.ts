/**
 * Where desk events live: one index per week (`<prefix>desk-events-<Monday, UTC>`), all behind the read
 * alias `<prefix>desk-events`, each created from one composable index template on its first write.
 * Retention drops whole weeks: this Elasticsearch has no delete_by_query (no reindex module), no
 * ILM and no data streams. A week rather than a day keeps a year at 53 small shards instead of 365
 * tiny ones, on a cluster the installation may share; reads also cut at the retention boundary, so
 * nothing older is ever shown while its week waits to be dropped.
 */
import type { Client, estypes } from "../storage/elasticsearch";

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
/** Raised when the mapping changes; put on every start (the template) and on the existing weeks (new fields). */
export const DESK_EVENTS_TEMPLATE_VERSION = 2;

/** The names of the desk-event storage of one installation. */
export interface DeskEventNames {
  /** The read alias over every week. */
  alias: string;
  /** The composable index template the weekly indices are made from. */
  template: string;
  /** Prefix of the weekly indices (`<pattern>YYYY.MM.DD`). */
  weekPrefix: string;
}

/** The desk-event names for an index prefix. */
export function deskEventNames(prefix: string): DeskEventNames {
  return {
    alias: `${prefix}desk-events`,
    template: `${prefix}desk-events`,
    weekPrefix: `${prefix}desk-events-`,
  };
}

/** The start (Monday 00:00 UTC) of the week an instant falls in. */
export function weekStart(at: Date): Date {
  const day = Math.floor(at.getTime() / DAY_MS);
  // 1970-01-01 was a Thursday: day 4 of a Monday-first week.
  const mondayDay = day - ((day + 3) % 7);
  return new Date(mondayDay * DAY_MS);
}

/** The weekly index an event at this instant goes into. */
export function weekIndexFor(names: DeskEventNames, at: Date): string {
  return `${names.weekPrefix}${weekStart(at).toISOString().slice(0, 10).replace(/-/g, ".")}`;
}

/** The week a weekly index holds, read from its name; null for any other index. */
export function weekOfIndex(names: DeskEventNames, index: string): { start: Date; end: Date } | null {
  if (!index.startsWith(names.weekPrefix)) return null;
  const match = /^(\d{4})\.(\d{2})\.(\d{2})$/.exec(index.slice(names.weekPrefix.length));
  if (!match) return null;
  const start = new Date(`${match[1]}-${match[2]}-${match[3]}T00:00:00Z`);
  if (Number.isNaN(start.getTime())) return null;
  return { start, end: new Date(start.getTime() + WEEK_MS) };
}

/** The oldest instant still inside the retention period. */
export function retentionCutoff(retentionDays: number, now: Date): Date {
  return new Date(now.getTime() - retentionDays * DAY_MS);
}

const keyword = { type: "keyword" } as const;

/**
 * One document per search session (kind "search": its last query, filters, results and whether a
 * practice was opened) or per thing done with a practice (kind "outcome"). No user ids, only roles.
 */
export function deskEventsMapping(): estypes.MappingTypeMapping {
  return {
    // Unknown fields are kept in _source but not indexed: an older week never refuses a newer app's event.
    dynamic: false,
    properties: {
      kind: keyword,
      at: { type: "date" },
      startedAt: { type: "date" },
      role: keyword,
      session: keyword,
      tracked: { type: "boolean" },
      hour: { type: "byte" },
      weekday: { type: "byte" },
      // search sessions
      query: { type: "keyword", ignore_above: 512 },
      needKey: { type: "keyword", ignore_above: 512, eager_global_ordinals: true },
      interpretedQuery: { type: "keyword", ignore_above: 512 },
      suggestion: { type: "keyword", ignore_above: 512 },
      filters: {
        properties: { situationType: keyword, channel: keyword, audience: keyword, language: keyword },
      },
      uiLanguage: keyword,
      total: { type: "integer" },
      // Since template version 2; older events lack it and are judged by `total` and `opened` alone.
      goodMatch: { type: "boolean" },
      topIds: keyword,
      tookMs: { type: "float" },
      opened: { type: "boolean" },
      openedPracticeId: keyword,
      openedRank: { type: "integer" },
      openedAt: { type: "date" },
      // outcomes
      outcome: keyword,
      practiceId: keyword,
      rank: { type: "integer" },
      practiceLanguage: keyword,
      situationType: keyword,
      channels: keyword,
    },
  };
}

/** Puts the index template of the weekly indices, and adds any new mapping field to the weeks already there. */
export async function ensureDeskEventStorage(es: Client, names: DeskEventNames, replicas: number): Promise<void> {
  await es.indices.putIndexTemplate({
    name: names.template,
    index_patterns: [`${names.weekPrefix}*`],
    // Overlapping patterns of equal priority are refused; a longer prefix is the more specific installation.
    priority: 100 + names.weekPrefix.length,
    version: DESK_EVENTS_TEMPLATE_VERSION,
    template: {
      settings: {
        number_of_shards: 1,
        number_of_replicas: replicas,
        // Nobody waits to read an event back: fewer refreshes leave the node to the desk's searches.
        refresh_interval: "10s",
      },
      mappings: deskEventsMapping(),
      aliases: { [names.alias]: {} },
    },
    _meta: { description: "Practice KB desk search sessions and outcomes, one index per week (UTC)" },
  });
  if (await es.indices.existsAlias({ name: names.alias })) {
    await es.indices.putMapping({ index: names.alias, ...deskEventsMapping() });
  }
}

/** The weekly indices of this installation, with the week each holds. */
export async function listWeekIndices(
  es: Client,
  names: DeskEventNames,
): Promise<{ index: string; start: Date; end: Date }[]> {
  const found = await es.indices.get({
    index: `${names.weekPrefix}*`,
    allow_no_indices: true,
    ignore_unavailable: true,
    expand_wildcards: ["open", "closed"],
    features: ["settings"],
    filter_path: ["*.settings.index.provided_name"],
  });
  return Object.keys(found).flatMap((index) => {
    const week = weekOfIndex(names, index);
    return week ? [{ index, ...week }] : [];
  });
}

/**
 * Drops every week that ended before the retention cutoff, by name (wildcard deletes are refused).
 * Two app instances may both run it: a week already gone is simply skipped.
 */
export async function dropExpiredWeeks(
  es: Client,
  names: DeskEventNames,
  retentionDays: number,
  now = new Date(),
): Promise<string[]> {
  const cutoff = retentionCutoff(retentionDays, now).getTime();
  const expired = (await listWeekIndices(es, names)).filter((week) => week.end.getTime() <= cutoff);
  const dropped: string[] = [];
  for (const { index } of expired) {
    try {
      await es.indices.delete({ index });
      dropped.push(index);
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode !== 404) throw error;
    }
  }
  return dropped;
}

/** Removes the template and every week (tests and benchmarks clean up their prefix with this). */
export async function dropDeskEventStorage(es: Client, names: DeskEventNames): Promise<void> {
  const weeks = await listWeekIndices(es, names);
  if (weeks.length > 0) await es.indices.delete({ index: weeks.map((week) => week.index) });
  await es.indices.deleteIndexTemplate({ name: names.template }, { ignore: [404] });
}
