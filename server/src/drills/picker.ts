import { CONTENT_LANGUAGES } from "@practice-kb/shared";
import type { DrillPracticePicks } from "@practice-kb/shared/drills";
import type { KbContext } from "../context";
import type { PracticeDocument } from "../practices/document";

const TITLE_FIELDS = ["title", ...CONTENT_LANGUAGES.map((language) => `search.${language}.title`)];

/**
 * Approved practices for a lead's hand-picked set, by words of their title in any language (the last word
 * may be half typed) or by the start of their id. It reads the practices index directly: a lead looking
 * for practices to pick is not a desk search, so nothing is recorded for the insight screens.
 */
export async function practicesToPick(ctx: KbContext, q: string, size: number): Promise<DrillPracticePicks> {
  const response = await ctx.es.search<PracticeDocument>({
    index: ctx.names.practices,
    size,
    query: {
      bool: {
        filter: [{ term: { status: "approved" } }],
        ...(q
          ? {
              should: [
                { multi_match: { query: q, type: "bool_prefix", fields: TITLE_FIELDS, operator: "and" } },
                { prefix: { id: { value: q.toLowerCase(), boost: 2 } } },
              ],
              minimum_should_match: 1,
            }
          : {}),
      },
    },
    sort: q ? ["_score", { id: "asc" }] : [{ id: "asc" }],
    _source: ["id", "title", "language", "situationType"],
  });
  return {
    hits: response.hits.hits.flatMap((hit) =>
      hit._source
        ? [
            {
              id: hit._source.id,
              title: hit._source.title,
              language: hit._source.language,
              situationType: hit._source.situationType,
            },
          ]
        : [],
    ),
  };
}
