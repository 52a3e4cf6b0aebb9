import type { ImportProblem } from "@practice-kb/shared";
import type { KbContext } from "../context";

/** A file entry that names a translation group: where it is, and the practice it writes. */
export interface GroupedEntry {
  group: string;
  language: string;
  index: number;
  id: string;
}

interface StoredMember {
  id: string;
  language: string;
  meta: { translationGroup?: string | null };
}

const GROUPS_PER_QUERY = 1000;

/**
 * The entries that would put a practice in a translation group whose stored practices already hold another one in
 * that language. A stored practice the file itself names is left to the file's own check: the file either keeps
 * it in the group (a clash within the file, reported there) or moves it out.
 */
export async function storeGroupClashes(
  ctx: KbContext,
  entries: GroupedEntry[],
  fileIds: ReadonlySet<string>,
): Promise<ImportProblem[]> {
  const groups = [...new Set(entries.map((entry) => entry.group))];
  const stored = new Map<string, string>();
  for (let start = 0; start < groups.length; start += GROUPS_PER_QUERY) {
    const response = await ctx.es.search<StoredMember>({
      index: ctx.names.practices,
      size: 10_000,
      query: { terms: { "meta.translationGroup": groups.slice(start, start + GROUPS_PER_QUERY) } },
      _source: ["id", "language", "meta.translationGroup"],
    });
    for (const hit of response.hits.hits) {
      const member = hit._source;
      if (!member?.meta.translationGroup || fileIds.has(member.id)) continue;
      stored.set(`${member.meta.translationGroup}\u0000${member.language}`, member.id);
    }
  }
  return entries.flatMap((entry) => {
    const other = stored.get(`${entry.group}\u0000${entry.language}`);
    if (!other || other === entry.id) return [];
    const reason =
      `translation group "${entry.group}" already has a practice in "${entry.language}" in the store ("${other}"); ` +
      "unlink it first or give this entry another group";
    return [
      { entry: `practices[${entry.index}]`, index: entry.index, id: entry.id, field: "translationGroup", reason },
    ];
  });
}
