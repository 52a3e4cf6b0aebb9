import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { KbContext } from "../context";
import { importInterchangeFile } from "../interchange/importFile";
import { loadTaxonomy, upsertTaxonomyEntries } from "../taxonomy/commands";
import { DEFAULT_AUDIENCES } from "../taxonomy/defaultAudiences";

type Log = { info(message: string): void };

interface SeedSynonyms {
  groups: string[][];
}

/** The seed's practice-kb/v1 files (every seed/*.json but the synonym groups), parsed, in name order. */
export function seedFiles(seedDir: string): { name: string; raw: unknown }[] {
  return readdirSync(seedDir)
    .filter((name) => name.endsWith(".json") && name !== "synonyms.json")
    .sort()
    .map((name) => ({ name, raw: JSON.parse(readFileSync(path.join(seedDir, name), "utf8")) as unknown }));
}

/** Loads the starting taxonomy, synonym groups and every seed/*.json practice file into an empty store. */
export async function seedIfEmpty(ctx: KbContext, seedDir: string, log: Log): Promise<void> {
  const taxonomy = await loadTaxonomy(ctx);
  if (taxonomy.audiences.length === 0) await upsertTaxonomyEntries(ctx, "audiences", DEFAULT_AUDIENCES, []);
  const count = await ctx.es.count({ index: ctx.names.practices });
  if (count.count > 0) return;
  const files = seedFiles(seedDir);
  for (const { name, raw } of files) {
    const result = await importInterchangeFile(ctx, raw, { role: "administrator", author: "seed" });
    log.info(`seed ${name}: ${result.created} practices created`);
  }
  const synonymsFile = path.join(seedDir, "synonyms.json");
  const synonymCount = await ctx.es.count({ index: ctx.names.synonyms });
  if (synonymCount.count === 0 && files.length > 0) {
    try {
      const { groups } = JSON.parse(readFileSync(synonymsFile, "utf8")) as SeedSynonyms;
      // Ids from the terms and `create`: two instances seeding one empty store at once write each group once.
      const operations = groups.flatMap((terms) => [
        { create: { _index: ctx.names.synonyms, _id: seedSynonymId(terms) } },
        { terms, updatedAt: new Date().toISOString() },
      ]);
      if (operations.length > 0) await ctx.es.bulk({ operations, refresh: "wait_for" });
      log.info(`seed synonyms: ${groups.length} groups`);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
  }
}

/** The id of a seeded synonym group: the same terms give the same id on every instance. */
function seedSynonymId(terms: string[]): string {
  return `seed-${createHash("sha256").update(terms.join("\u0000")).digest("hex").slice(0, 16)}`;
}
