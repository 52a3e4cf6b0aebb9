import { FORMAT_ID, type InterchangePractice, type Practice, type TaxonomyEntry } from "@practice-kb/shared";
import type { KbContext } from "../context";
import type { PracticeDocument } from "../practices/document";
import { presentPractice } from "../practices/presenter";
import { loadTaxonomy } from "../taxonomy/commands";

/** A practice as export writes it: the practice with its translation group (v2) beside its server-side `meta`. */
export type ExportedPractice = Practice & Pick<InterchangePractice, "translationGroup">;

/** A practice-kb/v2 file as export writes it: server-side fields go under `meta`. */
export interface ExportedFile {
  format: typeof FORMAT_ID;
  situationTypes: TaxonomyEntry[];
  channels: TaxonomyEntry[];
  practices: ExportedPractice[];
}

/** A stored practice as an export entry: the translation group travels as the format's own field. */
export function exportedPractice(practice: Practice): ExportedPractice {
  const group = practice.meta.translationGroup;
  return group ? { ...practice, translationGroup: group } : practice;
}

/** Streams every practice page by page (search_after on id) so large stores export in bounded memory. */
export async function* allPractices(ctx: KbContext, pageSize = 1000): AsyncGenerator<Practice> {
  let searchAfter: (string | number)[] | undefined;
  for (;;) {
    const page = await ctx.es.search<PracticeDocument>({
      index: ctx.names.practices,
      size: pageSize,
      sort: [{ id: "asc" }],
      search_after: searchAfter,
      _source_excludes: ["search", "contentHash", "vector", "embeddingModel"],
      query: { match_all: {} },
    });
    const hits = page.hits.hits;
    if (hits.length === 0) return;
    for (const hit of hits) if (hit._source) yield presentPractice(hit._source);
    searchAfter = hits[hits.length - 1]?.sort as (string | number)[] | undefined;
  }
}

/** Exports the taxonomy and every practice as one practice-kb/v2 document. */
export async function exportInterchangeFile(ctx: KbContext): Promise<ExportedFile> {
  const taxonomy = await loadTaxonomy(ctx);
  const practices: ExportedPractice[] = [];
  for await (const practice of allPractices(ctx)) practices.push(exportedPractice(practice));
  return { format: FORMAT_ID, situationTypes: taxonomy.situationTypes, channels: taxonomy.channels, practices };
}

/** A value as JSON.stringify(…, null, 2) writes it nested `depth` levels deep. */
const indented = (value: unknown, depth: number) =>
  JSON.stringify(value, null, 2).replaceAll("\n", `\n${"  ".repeat(depth)}`);

/**
 * The export file as text, piece by piece: the same bytes as JSON.stringify(exportInterchangeFile(), null, 2)
 * and a newline, but holding one page of practices at a time. Calls `onCount` with the practices written so far.
 */
export async function* exportedFileText(
  ctx: KbContext,
  onCount: (practices: number) => void = () => {},
): AsyncGenerator<string> {
  const taxonomy = await loadTaxonomy(ctx);
  yield `{\n  "format": ${JSON.stringify(FORMAT_ID)},\n  "situationTypes": ${indented(taxonomy.situationTypes, 1)},\n  "channels": ${indented(taxonomy.channels, 1)},\n  "practices": [`;
  let count = 0;
  let page: string[] = [];
  for await (const practice of allPractices(ctx)) {
    page.push(`${count === 0 ? "" : ","}\n    ${indented(exportedPractice(practice), 2)}`);
    count++;
    if (page.length >= 200) {
      yield page.join("");
      page = [];
      onCount(count);
    }
  }
  onCount(count);
  yield `${page.join("")}${count === 0 ? "]" : "\n  ]"}\n}\n`;
}
