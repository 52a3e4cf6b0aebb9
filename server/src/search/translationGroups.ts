/**
 * One card per translation group (practices/translations.ts): the ranked list keeps a group's best-ranked
 * version only, and that card then shows the version in the desk's language (the search's uiLanguage) when
 * the group has one the filters allow, with "also in" links to the others. The word query already returns
 * one hit per group (Elasticsearch's collapse, wordQuery.ts); meaning search may bring another version of
 * a group, which fusion ranks like any hit, so the fused list is collapsed here.
 */
import {
  type AlsoIn,
  CONTENT_LANGUAGES,
  FACET_NAMES,
  type FacetFilters,
  type SearchQuery,
  type SearchResponse,
} from "@practice-kb/shared";
import type { KbContext } from "../context";
import type { estypes } from "../storage/elasticsearch";
import { TRANSLATION_KEY } from "./facetQuery";
import { facetValuesOf, passesFilters } from "./meaningOnly";
import { PRESENTED_FIELDS, type PresentedDoc } from "./presentation";

type Hit = estypes.SearchHit<PresentedDoc>;

/** A practice's collapse key; one stored before translation links counts as a group of its own. */
export function translationKeyOfDoc(doc: Pick<PresentedDoc, "id" | "translationKey">): string {
  return doc.translationKey ?? `p:${doc.id}`;
}

/** The first (best-ranked) hit of each translation group, in order. */
export function collapseTranslations(ranked: Hit[]): Hit[] {
  const seen = new Set<string>();
  return ranked.filter((hit) => {
    if (!hit._source) return true;
    const key = translationKeyOfDoc(hit._source);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The page's hits as shown, and each shown hit's other versions ("also in"), by the shown hit's id. */
export interface GroupedPage {
  page: Hit[];
  alsoIn: Map<string, AlsoIn[]>;
}

const byLanguage = (a: { language: string }, b: { language: string }) =>
  CONTENT_LANGUAGES.indexOf(a.language as never) - CONTENT_LANGUAGES.indexOf(b.language as never);

/**
 * Shows each page hit in the desk's language when its group has an approved version in it that passes the
 * filters (in the hit's place: the group ranked there), and lists the group's other approved versions.
 * One request for the whole page, made only when a page hit belongs to a group.
 */
export async function deskLanguageVersions(
  ctx: KbContext,
  page: Hit[],
  query: Pick<SearchQuery, "uiLanguage"> & FacetFilters,
): Promise<GroupedPage> {
  const keys = [...new Set(page.flatMap((hit) => (hit._source ? [translationKeyOfDoc(hit._source)] : [])))].filter(
    (key) => key.startsWith("g:"),
  );
  if (keys.length === 0) return { page, alsoIn: new Map() };
  const response = await ctx.es.search<PresentedDoc>({
    index: ctx.names.practices,
    size: keys.length * CONTENT_LANGUAGES.length * 2,
    query: { bool: { filter: [{ term: { status: "approved" } }, { terms: { [TRANSLATION_KEY]: keys } }] } },
    _source: PRESENTED_FIELDS,
  });
  const membersOf = new Map<string, PresentedDoc[]>();
  for (const hit of response.hits.hits) {
    const doc = hit._source;
    if (!doc) continue;
    const key = translationKeyOfDoc(doc);
    membersOf.set(key, [...(membersOf.get(key) ?? []), doc]);
  }
  const alsoIn = new Map<string, AlsoIn[]>();
  const shown = page.map((hit): Hit => {
    const doc = hit._source;
    if (!doc) return hit;
    const members = membersOf.get(translationKeyOfDoc(doc)) ?? [];
    const desk = query.uiLanguage;
    const inDeskLanguage =
      desk && doc.language !== desk
        ? members.find((member) => member.language === desk && passesFilters(member, query))
        : undefined;
    const chosen = inDeskLanguage ?? doc;
    alsoIn.set(
      chosen.id,
      members
        .filter((member) => member.id !== chosen.id)
        .sort(byLanguage)
        .map((member) => ({ id: member.id, language: member.language })),
    );
    // The desk-language version takes the group's place; its words were not what matched, so no highlights.
    return inDeskLanguage ? { ...hit, _id: inDeskLanguage.id, _source: inDeskLanguage, highlight: {} } : hit;
  });
  return { page: shown, alsoIn };
}

/**
 * The word-matching approved versions of the groups of some practices found by meaning alone (one request,
 * made only when some of them belong to a group): a group a word matched in another version is already
 * counted, by the word search's group counts.
 */
export async function wordMatchingVersions(
  ctx: KbContext,
  meaningOnly: PresentedDoc[],
  matchQuery: estypes.QueryDslQueryContainer | undefined,
): Promise<PresentedDoc[]> {
  const keys = [...new Set(meaningOnly.map(translationKeyOfDoc))].filter((key) => key.startsWith("g:"));
  if (keys.length === 0 || !matchQuery) return [];
  const response = await ctx.es.search<PresentedDoc>({
    index: ctx.names.practices,
    size: keys.length * CONTENT_LANGUAGES.length * 2,
    query: {
      bool: { filter: [matchQuery, { term: { status: "approved" } }, { terms: { [TRANSLATION_KEY]: keys } }] },
    },
    _source: PRESENTED_FIELDS,
  });
  return response.hits.hits.flatMap((hit) => (hit._source ? [hit._source] : []));
}

/**
 * What the practices found by meaning alone add to the total and the facet counts, a group once: a group
 * counts where one of its meaning-only versions passes the filters (a facet's: all but its own, with its
 * value) and none of its word-matching versions does (the word search counted it then).
 */
export function withMeaningOnlyGroups(
  total: number,
  facets: SearchResponse["facets"],
  meaningOnly: PresentedDoc[],
  wordVersions: PresentedDoc[],
  filters: FacetFilters,
): { total: number; facets: SearchResponse["facets"] } {
  const byGroup = (docs: PresentedDoc[]) => {
    const grouped = new Map<string, PresentedDoc[]>();
    for (const doc of docs)
      grouped.set(translationKeyOfDoc(doc), [...(grouped.get(translationKeyOfDoc(doc)) ?? []), doc]);
    return grouped;
  };
  const words = byGroup(wordVersions);
  const groups = [...byGroup(meaningOnly).entries()].map(([key, docs]) => ({ docs, words: words.get(key) ?? [] }));
  const adds = (passes: (doc: PresentedDoc) => boolean) => (group: (typeof groups)[number]) =>
    group.docs.some(passes) && !group.words.some(passes);
  const counted = { ...facets };
  for (const facet of FACET_NAMES) {
    const counts = new Map(facets[facet].map((bucket) => [bucket.id, bucket.count]));
    const values = new Set(groups.flatMap((group) => group.docs.flatMap((doc) => facetValuesOf(doc, facet))));
    for (const value of values) {
      const withValue = (doc: PresentedDoc) =>
        passesFilters(doc, filters, facet) && facetValuesOf(doc, facet).includes(value);
      const extra = groups.filter(adds(withValue)).length;
      if (extra > 0) counts.set(value, (counts.get(value) ?? 0) + extra);
    }
    counted[facet] = [...counts.entries()]
      .map(([id, count]) => ({ id, count }))
      .sort((a, b) => b.count - a.count || a.id.localeCompare(b.id)) as (typeof facets)[typeof facet];
  }
  return { total: total + groups.filter(adds((doc) => passesFilters(doc, filters))).length, facets: counted };
}

/**
 * Which of some translation groups have an approved version in a language (one request, made only when
 * a key names a group): a practice whose group does is not "an answer the desk's language lacks".
 */
export async function groupsWithVersionIn(ctx: KbContext, keys: string[], language: string): Promise<Set<string>> {
  const groupKeys = [...new Set(keys)].filter((key) => key.startsWith("g:"));
  if (groupKeys.length === 0) return new Set();
  const response = await ctx.es.search<PresentedDoc>({
    index: ctx.names.practices,
    size: groupKeys.length,
    query: {
      bool: {
        filter: [{ term: { status: "approved" } }, { term: { language } }, { terms: { [TRANSLATION_KEY]: groupKeys } }],
      },
    },
    _source: [TRANSLATION_KEY],
  });
  return new Set(
    response.hits.hits.flatMap((hit) => (hit._source?.translationKey ? [hit._source.translationKey] : [])),
  );
}
