import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { holdClusterLease, type LeaseStore, releaseClusterLease } from "./clusterLeases";
import type { Client, estypes } from "./elasticsearch";
import {
  ACCOUNTS_MAPPING_VERSION,
  CATALOGUE_MAPPING_VERSION,
  DRILLS_MAPPING_VERSION,
  drillAttemptsMapping,
  drillCardsMapping,
  drillSetsMapping,
  FEEDBACK_VOTES_MAPPING_VERSION,
  feedbackVotesMapping,
  LEASES_MAPPING_VERSION,
  leasesMapping,
  loginAttemptsMapping,
  REVISIONS_MAPPING_VERSION,
  revisionsMapping,
  sessionsMapping,
  synonymsMapping,
  TOKENS_MAPPING_VERSION,
  taxonomyMapping,
  tokensMapping,
  usersMapping,
} from "./otherIndices";
import {
  PRACTICES_MAPPING_VERSION,
  practicesMapping,
  practicesSettings,
  upgradePracticeSource,
} from "./practicesIndex";

/** The alias names the app reads and writes; physical indices are `<alias>-v<version>`. */
export interface IndexNames {
  practices: string;
  taxonomy: string;
  synonyms: string;
  users: string;
  sessions: string;
  tokens: string;
  revisions: string;
  loginAttempts: string;
  feedbackVotes: string;
  leases: string;
  drillSets: string;
  drillAttempts: string;
  drillCards: string;
}

/** Alias names for an index prefix (each test run and each installation has its own prefix). */
export function indexNames(prefix: string): IndexNames {
  return {
    practices: `${prefix}practices`,
    taxonomy: `${prefix}taxonomy`,
    synonyms: `${prefix}synonyms`,
    users: `${prefix}users`,
    sessions: `${prefix}sessions`,
    tokens: `${prefix}tokens`,
    revisions: `${prefix}revisions`,
    loginAttempts: `${prefix}login-attempts`,
    feedbackVotes: `${prefix}feedback`,
    leases: `${prefix}leases`,
    drillSets: `${prefix}drill-sets`,
    drillAttempts: `${prefix}drill-attempts`,
    drillCards: `${prefix}drill-cards`,
  };
}

interface IndexSpec {
  alias: string;
  version: number;
  settings: estypes.IndicesIndexSettings;
  mappings: estypes.MappingTypeMapping;
  /** Brings a document of an older mapping up to this one as it is copied (derived fields a new mapping adds). */
  upgrade?: (source: Record<string, unknown>) => Record<string, unknown>;
}

type Log = { info(message: string): void; warn(message: string): void };

/** How instances starting together take turns at a migration; the defaults suit production. */
export interface MigrationTurnOptions {
  /** How long a migration lease lasts unless renewed (a crashed migrator's lease runs out after this). */
  leaseMs?: number;
  /** How often a waiting instance looks whether the migration is done. */
  pollMs?: number;
  /** Who this instance is in the leases (default: a random id per call). */
  holder?: string;
}

/** What one call did: the aliases this instance copied into a new index (another instance's copies are not listed). */
export interface EnsureIndicesResult {
  migrated: string[];
}

interface MigrationTurns {
  store: LeaseStore;
  holder: string;
  leaseMs: number;
  pollMs: number;
}

/**
 * Creates missing indices and moves any alias that points at an older mapping version to a new index. When
 * several instances start on one store and a migration is due, one copies (it holds the lease
 * `migrate:<alias>`) while the others wait for the alias to move, or take over once the lease runs out.
 */
export async function ensureIndices(
  es: Client,
  names: IndexNames,
  replicas: number,
  log: Log,
  options: MigrationTurnOptions = {},
): Promise<EnsureIndicesResult> {
  const catalogueSettings = { number_of_shards: 1, number_of_replicas: replicas };
  const specs: IndexSpec[] = [
    {
      alias: names.practices,
      version: PRACTICES_MAPPING_VERSION,
      settings: practicesSettings(replicas),
      mappings: practicesMapping(),
      upgrade: upgradePracticeSource,
    },
    {
      alias: names.taxonomy,
      version: CATALOGUE_MAPPING_VERSION,
      settings: catalogueSettings,
      mappings: taxonomyMapping(),
    },
    {
      alias: names.synonyms,
      version: CATALOGUE_MAPPING_VERSION,
      settings: catalogueSettings,
      mappings: synonymsMapping(),
    },
    { alias: names.users, version: ACCOUNTS_MAPPING_VERSION, settings: catalogueSettings, mappings: usersMapping() },
    {
      alias: names.sessions,
      version: ACCOUNTS_MAPPING_VERSION,
      settings: catalogueSettings,
      mappings: sessionsMapping(),
    },
    { alias: names.tokens, version: TOKENS_MAPPING_VERSION, settings: catalogueSettings, mappings: tokensMapping() },
    {
      alias: names.loginAttempts,
      version: ACCOUNTS_MAPPING_VERSION,
      settings: catalogueSettings,
      mappings: loginAttemptsMapping(),
    },
    {
      alias: names.feedbackVotes,
      version: FEEDBACK_VOTES_MAPPING_VERSION,
      settings: catalogueSettings,
      mappings: feedbackVotesMapping(),
    },
    {
      alias: names.revisions,
      version: REVISIONS_MAPPING_VERSION,
      settings: catalogueSettings,
      mappings: revisionsMapping(),
    },
    { alias: names.leases, version: LEASES_MAPPING_VERSION, settings: catalogueSettings, mappings: leasesMapping() },
    {
      alias: names.drillSets,
      version: DRILLS_MAPPING_VERSION,
      settings: catalogueSettings,
      mappings: drillSetsMapping(),
    },
    {
      alias: names.drillAttempts,
      version: DRILLS_MAPPING_VERSION,
      settings: catalogueSettings,
      mappings: drillAttemptsMapping(),
    },
    {
      alias: names.drillCards,
      version: DRILLS_MAPPING_VERSION,
      settings: catalogueSettings,
      mappings: drillCardsMapping(),
    },
  ];
  const turns: MigrationTurns = {
    store: { es, names },
    holder: options.holder ?? `migration-${randomUUID()}`,
    leaseMs: options.leaseMs ?? 60_000,
    pollMs: options.pollMs ?? 1_000,
  };
  const migrated: string[] = [];
  const record = (spec: IndexSpec) => (copied: boolean) => {
    if (copied) migrated.push(spec.alias);
  };
  // The leases index first, on its own (its own migration cannot take a lease): the others take turns through it.
  const leasesSpec = specs.find((spec) => spec.alias === names.leases);
  if (leasesSpec) record(leasesSpec)(await ensureIndex(es, leasesSpec, log, null));
  // Independent indices: creating them side by side saves seconds at every start (and every test file).
  const others = specs.filter((spec) => spec !== leasesSpec);
  await Promise.all(others.map(async (spec) => record(spec)(await ensureIndex(es, spec, log, turns))));
  await waitForPrimaries(
    es,
    specs.map((spec) => spec.alias),
  );
  return { migrated };
}

/**
 * Waits until every primary shard of these indices has started. An instance whose create met "already
 * exists" (another one created it a moment before) must not read before then: that answers
 * no_shard_available_action_exception. Health "yellow" is not enough: Elasticsearch reports a just-created
 * index whose primary is still unassigned as yellow, not red.
 */
async function waitForPrimaries(es: Client, indices: string[], timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const health = await es.cluster.health({ index: indices, level: "indices" });
    const waiting = Object.entries(health.indices ?? {}).filter(
      ([, index]) => index.active_primary_shards < index.number_of_shards,
    );
    if (waiting.length === 0) return;
    if (Date.now() > deadline) {
      throw new Error(
        `the primary shards of ${waiting.map(([name]) => name).join(", ")} did not start within ${timeoutMs / 1000} s`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Makes the alias point at the current version's index; true if this call copied documents into it. */
async function ensureIndex(es: Client, spec: IndexSpec, log: Log, turns: MigrationTurns | null): Promise<boolean> {
  const target = `${spec.alias}-v${spec.version}`;
  const current = await aliasTargets(es, spec.alias);
  if (current.includes(target)) return false;
  await createIndexIfMissing(es, target, spec);
  if (current.length === 0) {
    await es.indices.updateAliases({ actions: [{ add: { index: target, alias: spec.alias, is_write_index: true } }] });
    return false;
  }
  if (!turns) return migrateIndex(es, spec, target, log);
  const lease = `migrate:${spec.alias}`;
  let announced = false;
  for (;;) {
    if (await holdClusterLease(turns.store, lease, turns.holder, turns.leaseMs)) {
      return migrateHoldingLease(es, spec, target, log, turns, lease);
    }
    if (!announced) log.info(`another instance is migrating ${spec.alias}; waiting for it`);
    announced = true;
    await sleep(turns.pollMs);
    if ((await aliasTargets(es, spec.alias)).includes(target)) return false;
  }
}

async function migrateHoldingLease(
  es: Client,
  spec: IndexSpec,
  target: string,
  log: Log,
  turns: MigrationTurns,
  lease: string,
): Promise<boolean> {
  // Renewed while copying, so a long copy is not taken over; a failed renewal only risks a second, harmless copy.
  const renewal = setInterval(() => {
    holdClusterLease(turns.store, lease, turns.holder, turns.leaseMs).catch(() => false);
  }, turns.leaseMs / 3);
  renewal.unref();
  try {
    // The lease may have been given back by an instance that has just finished.
    if ((await aliasTargets(es, spec.alias)).includes(target)) return false;
    return await migrateIndex(es, spec, target, log);
  } finally {
    clearInterval(renewal);
    await releaseClusterLease(turns.store, lease, turns.holder);
  }
}

/** Copies the documents of the live index into `target` and switches the alias, unless someone switched it. */
async function migrateIndex(es: Client, spec: IndexSpec, target: string, log: Log): Promise<boolean> {
  const current = await aliasTargets(es, spec.alias);
  if (current.includes(target)) return false;
  // An older mapping is live: copy its documents over, then switch the alias in one atomic step.
  for (const source of current) {
    const copied = await copyDocuments(es, source, target, spec.upgrade);
    log.info(`copied ${copied} documents from ${source} to ${target}`);
  }
  await es.indices.refresh({ index: target });
  // Another instance (one whose lease ran out, or an older version without leases) may have switched it already.
  const now = await aliasTargets(es, spec.alias);
  if (now.includes(target)) return true;
  await es.indices.updateAliases({
    actions: [
      ...now.map((index) => ({ remove: { index, alias: spec.alias } })),
      { add: { index: target, alias: spec.alias, is_write_index: true } },
    ],
  });
  log.warn(`alias ${spec.alias} now points at ${target}; the old index ${current.join(", ")} is kept for rollback`);
  return true;
}

async function aliasTargets(es: Client, alias: string): Promise<string[]> {
  const exists = await es.indices.existsAlias({ name: alias });
  if (!exists) return [];
  const response = await es.indices.getAlias({ name: alias });
  return Object.keys(response);
}

async function createIndexIfMissing(es: Client, index: string, spec: IndexSpec): Promise<void> {
  if (await es.indices.exists({ index })) return;
  try {
    await es.indices.create({ index, settings: spec.settings, mappings: spec.mappings });
  } catch (error) {
    const text = String((error as { message?: string }).message ?? error);
    if (text.includes("resource_already_exists_exception")) return;
    if (/hunspell|dictionary/i.test(text)) {
      throw new Error(
        `Elasticsearch could not load the hunspell dictionaries for uk, pl, ru and en: ${text}. ` +
          "Each node needs config/hunspell/<uk|pl|ru|en>/*.{aff,dic} from the npm dictionary-* packages (see docs/deployment.md).",
      );
    }
    throw error;
  }
}

/**
 * Copies every document of one index into another with search_after and bulk (no reindex module here).
 * Only documents the target lacks are written (`create`): when two instances migrate at once, the one
 * that finishes later never overwrites what was written since through the new index.
 */
export async function copyDocuments(
  es: Client,
  source: string,
  target: string,
  upgrade: (source: Record<string, unknown>) => Record<string, unknown> = (document) => document,
): Promise<number> {
  let searchAfter: estypes.SortResults | undefined;
  let copied = 0;
  // Elasticsearch 9.2+ leaves dense vectors out of _source unless asked; older versions reject the parameter.
  let includeVectors: { _source_exclude_vectors?: boolean } = { _source_exclude_vectors: false };
  for (;;) {
    const request = {
      index: source,
      size: 1000,
      sort: ["_doc"],
      search_after: searchAfter,
      query: { match_all: {} },
    };
    const page = await es.search<Record<string, unknown>>({ ...request, ...includeVectors }).catch((error) => {
      if (!String(error?.message ?? error).includes("_source_exclude_vectors")) throw error;
      includeVectors = {};
      return es.search<Record<string, unknown>>(request);
    });
    const hits = page.hits.hits;
    if (hits.length === 0) return copied;
    const operations = hits.flatMap((hit) => [
      { create: { _index: target, _id: hit._id } },
      upgrade(hit._source ?? {}),
    ]);
    const result = await es.bulk({ operations });
    const failed = result.items.filter((item) => item.create?.error && item.create.status !== 409);
    if (failed.length > 0) throw new Error(`copying ${source} to ${target} failed for ${failed.length} documents`);
    copied += hits.length;
    searchAfter = hits[hits.length - 1]?.sort;
  }
}
