import type { estypes } from "./elasticsearch";
import { actorMapping, keyword, unindexedText } from "./mappingParts";

/** Bump when the small catalogue indices (taxonomy, synonyms) change shape. */
export const CATALOGUE_MAPPING_VERSION = 1;
/** Bump when the accounts indices (users, sessions, tokens) change shape. */
export const ACCOUNTS_MAPPING_VERSION = 1;
/** Version of the tokens index (2: the creator's actor id, to check that the creator still holds the rights). */
export const TOKENS_MAPPING_VERSION = 2;
/** Bump when the feedback votes index changes shape. */
export const FEEDBACK_VOTES_MAPPING_VERSION = 1;
/** Bump when the revisions index changes shape. */
export const REVISIONS_MAPPING_VERSION = 1;
/** Raised when the leases mapping changes. */
export const LEASES_MAPPING_VERSION = 1;

/** Taxonomy entries (situation types, channels, audiences), one document per entry. */
export function taxonomyMapping(): estypes.MappingTypeMapping {
  return {
    dynamic: "strict",
    properties: {
      kind: keyword,
      id: keyword,
      labels: { type: "object", enabled: false },
      position: { type: "integer" },
    },
  };
}

/** Curator-managed synonym groups, applied by the app at query time (no reindexing). */
export function synonymsMapping(): estypes.MappingTypeMapping {
  return {
    dynamic: "strict",
    properties: { terms: { type: "keyword" }, updatedAt: { type: "date" } },
  };
}

/** Accounts: one document per user, its id derived from the email so an email can exist only once. */
export function usersMapping(): estypes.MappingTypeMapping {
  return {
    dynamic: "strict",
    properties: {
      id: keyword,
      email: keyword,
      name: keyword,
      role: keyword,
      active: { type: "boolean" },
      passwordHash: { type: "keyword", index: false },
      createdAt: { type: "date" },
      updatedAt: { type: "date" },
      lastLoginAt: { type: "date" },
      // Sessions issued before this moment are void (password reset, deactivation).
      sessionsValidAfter: { type: "date" },
    },
  };
}

/** Login sessions, one document per session, its id the sha256 of the cookie value. */
export function sessionsMapping(): estypes.MappingTypeMapping {
  return {
    dynamic: "strict",
    properties: {
      userId: keyword,
      csrfToken: { type: "keyword", index: false },
      issuedAt: { type: "date" },
      expiresAt: { type: "date" },
      lastSeenAt: { type: "date" },
    },
  };
}

/** API tokens for integrations; only the sha256 of the secret is kept. */
export function tokensMapping(): estypes.MappingTypeMapping {
  return {
    dynamic: "strict",
    properties: {
      id: keyword,
      name: keyword,
      role: keyword,
      secretHash: { type: "keyword", index: false },
      createdAt: { type: "date" },
      createdBy: keyword,
      createdById: keyword,
      lastUsedAt: { type: "date" },
      revokedAt: { type: "date" },
    },
  };
}

/** Failed-login counters shared by all app instances; ids are hashes of email + address or email alone. */
export function loginAttemptsMapping(): estypes.MappingTypeMapping {
  return {
    dynamic: "strict",
    properties: { failures: { type: "integer" }, windowStart: { type: "date" } },
  };
}

/** Every change of every practice, with a full snapshot of its text; ids are `<practice id>:<number>`. */
export function revisionsMapping(): estypes.MappingTypeMapping {
  return {
    dynamic: "strict",
    properties: {
      practiceId: keyword,
      number: { type: "integer" },
      action: keyword,
      status: keyword,
      pending: { type: "boolean" },
      by: actorMapping,
      at: { type: "date" },
      comment: unindexedText,
      content: { type: "object", enabled: false },
    },
  };
}

/** "Did this help?" votes, one per person and practice (the id hashes both; no voter is stored). */
export function feedbackVotesMapping(): estypes.MappingTypeMapping {
  return {
    dynamic: "strict",
    properties: {
      practiceId: keyword,
      helpful: { type: "boolean" },
      reason: unindexedText,
      hasReason: { type: "boolean" },
      role: keyword,
      at: { type: "date" },
    },
  };
}

/** Work only one app instance may do at a time (e.g. the embedding queue): who holds it, and until when. */
export function leasesMapping(): estypes.MappingTypeMapping {
  return { dynamic: "strict", properties: { holder: keyword, until: { type: "date" } } };
}

/** Bump when the drill indices (sets, attempts, schedule cards) change shape. */
export const DRILLS_MAPPING_VERSION = 1;

/** Drill sets a lead chose: filters (situation types, channels, languages) or a hand-picked list. */
export function drillSetsMapping(): estypes.MappingTypeMapping {
  return {
    dynamic: "strict",
    properties: {
      id: keyword,
      name: { type: "text", fields: { raw: keyword } },
      description: unindexedText,
      filters: { properties: { situationTypes: keyword, channels: keyword, languages: keyword } },
      practiceIds: keyword,
      createdBy: { properties: { id: keyword, name: keyword } },
      createdAt: { type: "date" },
      updatedAt: { type: "date" },
    },
  };
}

/**
 * Rated drills, one document per attempt. The typed answer is stored for its learner only (never indexed,
 * never in a lead's results: docs/drills.md).
 */
export function drillAttemptsMapping(): estypes.MappingTypeMapping {
  return {
    dynamic: "strict",
    properties: {
      userId: keyword,
      userName: keyword,
      practiceId: keyword,
      setId: keyword,
      rating: keyword,
      answer: unindexedText,
      at: { type: "date" },
      due: { type: "date" },
    },
  };
}

/** Each learner's spaced-repetition card per practice (id: hash of both); the FSRS state is kept unindexed. */
export function drillCardsMapping(): estypes.MappingTypeMapping {
  return {
    dynamic: "strict",
    properties: {
      userId: keyword,
      practiceId: keyword,
      due: { type: "date" },
      lastRating: keyword,
      lapses: { type: "integer" },
      reps: { type: "integer" },
      fsrs: { type: "object", enabled: false },
    },
  };
}
