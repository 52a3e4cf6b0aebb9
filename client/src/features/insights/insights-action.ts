import { ApiError } from "@/lib/api-client";
import { createSynonymGroup } from "@/lib/synonyms";

/** What adding a synonym from the unanswered list came to. */
export type InsightsActionResult =
  | { ok: true; terms: string[] }
  | { ok: false; query: string; message: string | null; reason: "required" | "same" | "refused" };

/** Adds a synonym group of an unanswered query and a word the right practice uses. */
export async function addSynonymFromInsight(form: FormData, signal: AbortSignal): Promise<InsightsActionResult> {
  const query = String(form.get("query") ?? "").trim();
  const word = String(form.get("word") ?? "").trim();
  if (!word) return { ok: false, query, message: null, reason: "required" };
  if (word.toLowerCase() === query.toLowerCase()) return { ok: false, query, message: null, reason: "same" };
  try {
    const group = await createSynonymGroup([query, word], signal);
    return { ok: true, terms: group.terms };
  } catch (error) {
    if (error instanceof ApiError && error.status < 500) {
      return { ok: false, query, message: error.message, reason: "refused" };
    }
    throw error;
  }
}
