import type { TaxonomyKind } from "@practice-kb/shared";

const enc = encodeURIComponent;

/** Every app route and API URL in one place, so no component builds URLs by hand. */
export const paths = {
  home: {
    path: "/",
    /** The search page, optionally with a query string such as "q=fine&channel=phone". */
    getHref: (search?: URLSearchParams | string) => {
      const query = search?.toString() ?? "";
      return query ? `/?${query}` : "/";
    },
  },
  login: {
    path: "/login",
    /** The login page; `next` is where to go after logging in (an app path, never another site). */
    getHref: (next?: string, reason?: "expired") => {
      const params = new URLSearchParams();
      if (next && next !== "/" && isAppPath(next)) params.set("next", next);
      if (reason) params.set("reason", reason);
      const query = params.toString();
      return query ? `/login?${query}` : "/login";
    },
  },
  logout: {
    path: "/logout",
    getHref: () => "/logout",
  },
  practice: {
    path: "/practices/:id",
    /** One practice's page. */
    getHref: (id: string) => `/practices/${enc(id)}`,
  },
  editPractice: {
    path: "/practices/:id/edit",
    /** The form to edit a practice (a draft in place, an approved one as a proposed edit). */
    getHref: (id: string) => `/practices/${enc(id)}/edit`,
  },
  translatePractice: {
    path: "/practices/:id/translate",
    /** The proposal form beside a practice, to translate it into `language` (default: the UI language). */
    getHref: (id: string, language?: string) =>
      language ? `/practices/${enc(id)}/translate?language=${enc(language)}` : `/practices/${enc(id)}/translate`,
  },
  history: {
    path: "/practices/:id/history",
    /** The revisions of a practice, optionally comparing two of them. */
    getHref: (id: string, compare?: { from: number; to: number }) =>
      compare ? `/practices/${enc(id)}/history?from=${compare.from}&to=${compare.to}` : `/practices/${enc(id)}/history`,
  },
  propose: {
    path: "/propose",
    /**
     * The proposal form, prefilled with what is known: a search's words as the title, and (from the
     * team lead's insight) the language, situation type and channel the desk searched with.
     */
    getHref: (title?: string, prefill: ProposePrefill = {}) => {
      const params = new URLSearchParams();
      if (title?.trim()) params.set("title", title.trim());
      for (const [key, value] of Object.entries(prefill)) if (value) params.set(key, value);
      const query = params.toString();
      return query ? `/propose?${query}` : "/propose";
    },
  },
  myPractices: {
    path: "/my-practices",
    getHref: () => "/my-practices",
  },
  review: {
    path: "/review",
    getHref: () => "/review",
  },
  insights: {
    path: "/insights",
    /** The team lead's insight screens, with their range and filters as a query string. */
    getHref: (search?: URLSearchParams | string) => {
      const query = search?.toString() ?? "";
      return query ? `/insights?${query}` : "/insights";
    },
  },
  drills: {
    path: "/drills",
    /** Practice drills: the sets to practise, the automatic set and the learner's own history. */
    getHref: () => "/drills",
  },
  drillRun: {
    path: "/drills/:setId",
    /** Running one set's drills ("auto": the learner's own schedule, optionally in one content language). */
    getHref: (setId: string, language?: string) =>
      language ? `/drills/${enc(setId)}?language=${enc(language)}` : `/drills/${enc(setId)}`,
  },
  drillResults: {
    path: "/drills/:setId/results",
    /** A set's results for the team lead: who practised, how often, what was rated wrong. */
    getHref: (setId: string) => `/drills/${enc(setId)}/results`,
  },
  drillRolePlay: {
    path: "/drills/:setId/role-play",
    /** Role-play for two: one plays the reader from a brief, the other answers live, then both see the practice. */
    getHref: (setId: string) => `/drills/${enc(setId)}/role-play`,
  },
  drillCards: {
    path: "/drills/:setId/cards",
    /** A set's role-play cards to print: the reader's brief on one side, the practice on the other. */
    getHref: (setId: string, layout?: string) =>
      layout ? `/drills/${enc(setId)}/cards?layout=${enc(layout)}` : `/drills/${enc(setId)}/cards`,
  },
  adminTaxonomy: {
    path: "/admin/taxonomy",
    getHref: () => "/admin/taxonomy",
  },
  adminUsers: {
    path: "/admin/users",
    getHref: () => "/admin/users",
  },
  adminTokens: {
    path: "/admin/tokens",
    getHref: () => "/admin/tokens",
  },
  api: {
    health: "/api/health",
    taxonomy: "/api/taxonomy",
    search: "/api/search",
    practices: "/api/practices",
    session: "/api/auth/session",
    login: "/api/auth/login",
    logout: "/api/auth/logout",
    myPractices: "/api/me/practices",
    reviewQueue: "/api/review-queue",
    synonyms: "/api/synonyms",
    users: "/api/users",
    tokens: "/api/tokens",
    /** What the desk did with a practice (opened, copied, printed, used), for the team lead's insight. */
    insightOutcomes: "/api/insights/outcomes",
    /** The team lead's insight: how much the desk searched, what it did not find, practices, coverage. */
    insightSearches: "/api/insights/searches",
    insightUnanswered: "/api/insights/unanswered",
    insightPractices: "/api/insights/practices",
    insightUnopened: "/api/insights/practices/unopened",
    insightDeskLog: "/api/insights/desk-log",
    insightCoverage: "/api/insights/coverage",
    insightTranslations: "/api/insights/translations",
    /** The votes' totals and reasons of one practice, for the team lead. */
    insightFeedback: (id: string) => `/api/insights/practices/${enc(id)}/feedback`,
    drillSets: "/api/drills/sets",
    /** Approved practices a lead can pick for a set. */
    drillPractices: "/api/drills/practices",
    drillAttempts: "/api/drills/attempts",
    myDrillAttempts: "/api/drills/me/attempts",
    /** One drill set. */
    drillSet: (id: string) => `/api/drills/sets/${enc(id)}`,
    /** The drills of one set (situations only). */
    drillItems: (id: string) => `/api/drills/sets/${enc(id)}/items`,
    /** One set's results (ratings and counts). */
    drillResults: (id: string) => `/api/drills/sets/${enc(id)}/results`,
    /** One practice. */
    practice: (id: string) => `/api/practices/${enc(id)}`,
    /**
     * A workflow step on one practice: submit, approve, request-changes, reject, archive, restore, still-valid,
     * still-matches (a translation still matches its changed original).
     */
    practiceStep: (id: string, step: WorkflowStep) => `/api/practices/${enc(id)}/${step}`,
    /** Every revision of one practice. */
    history: (id: string) => `/api/practices/${enc(id)}/history`,
    /** The difference between two revisions of one practice. */
    diff: (id: string) => `/api/practices/${enc(id)}/diff`,
    /** Practices related to one practice. */
    related: (id: string) => `/api/practices/${enc(id)}/related`,
    /** One practice's versions in other languages (its translation group). */
    translations: (id: string) => `/api/practices/${enc(id)}/translations`,
    /** Linking one practice to another as its translation (PUT), or unlinking it (DELETE). */
    translationLink: (id: string) => `/api/practices/${enc(id)}/translation`,
    /** "Did this help?" answers for one practice. */
    feedback: (id: string) => `/api/practices/${enc(id)}/feedback`,
    /** One list of the taxonomy (for adding entries). */
    taxonomyKind: (kind: TaxonomyKind) => `/api/taxonomy/${kind}`,
    /** One taxonomy entry. */
    taxonomyEntry: (kind: TaxonomyKind, id: string) => `/api/taxonomy/${kind}/${enc(id)}`,
    /** Merging one taxonomy entry into another. */
    taxonomyMerge: (kind: TaxonomyKind, id: string) => `/api/taxonomy/${kind}/${enc(id)}/merge`,
    /** One synonym group. */
    synonymGroup: (id: string) => `/api/synonyms/${enc(id)}`,
    /** One account. */
    user: (id: string) => `/api/users/${enc(id)}`,
    /** Setting a new password for one account. */
    userPassword: (id: string) => `/api/users/${enc(id)}/password`,
    /** One API token. */
    token: (id: string) => `/api/tokens/${enc(id)}`,
  },
} as const;

/**
 * What the edit form may start with, passed as navigation state (not in the URL: a learner's drill answer is
 * private and must not land in addresses, history or logs): "my answer was better" from a drill.
 */
export interface EditPrefillState {
  drillAnswer?: string;
}

/** What a proposal may start with besides its title (the names are the form's field names). */
export interface ProposePrefill {
  language?: string | null;
  situationType?: string | null;
  channels?: string | null;
}

/** The workflow steps the API offers as POST /api/practices/:id/<step>. */
export type WorkflowStep =
  | "submit"
  | "approve"
  | "request-changes"
  | "reject"
  | "archive"
  | "restore"
  | "still-valid"
  | "still-matches";

/** True for a path inside this app ("/review?x=1"), false for anything that could leave it ("//evil", "https:"). */
export function isAppPath(value: string | null | undefined): value is string {
  return typeof value === "string" && value.startsWith("/") && !value.startsWith("//") && !value.startsWith("/\\");
}
