import { SLUG_PATTERN, TAXONOMY_KINDS, type TaxonomyKind, UI_LANGUAGES } from "@practice-kb/shared";
import { ApiError } from "@/lib/api-client";
import { markRootDataStale } from "@/lib/root-data";
import { createSynonymGroup } from "@/lib/synonyms";
import { createEntry } from "./api/create-entry";
import { deleteEntry } from "./api/delete-entry";
import { deleteSynonymGroup } from "./api/delete-synonym-group";
import { mergeEntry } from "./api/merge-entry";
import { updateEntry } from "./api/update-entry";

export type TaxonomyIntent = "create" | "update" | "delete" | "merge" | "createSynonyms" | "deleteSynonyms";

/** Why one field of a taxonomy form was refused, in kinds the UI words. */
export type FieldErrorKind = "required" | "slug" | "exists" | "tooLong" | "twoTerms" | "chooseTarget";

/** What a taxonomy or synonym change came back with; `target` names the row it belongs to. */
export interface TaxonomyResult {
  intent: TaxonomyIntent;
  target: string;
  ok: boolean;
  fieldErrors?: Record<string, FieldErrorKind>;
  /** A delete refused because practices use the entry. */
  inUse?: number;
  /** A merge's outcome. */
  moved?: number;
  into?: string;
  message?: string;
}

const MAX_LABEL = 120;

/** The target of a row's form: "channels:phone", "channels:new", "synonyms:new" or "synonyms:<id>". */
export function targetOf(kind: TaxonomyKind | "synonyms", id: string): string {
  return `${kind}:${id}`;
}

function kindOf(value: FormDataEntryValue | null): TaxonomyKind {
  const kind = String(value ?? "");
  if (!(TAXONOMY_KINDS as readonly string[]).includes(kind)) throw new Error(`unknown taxonomy kind ${kind}`);
  return kind as TaxonomyKind;
}

/** Reads the label fields ("label-en", "label-uk", …); blank ones are left out, other languages are kept. */
function readLabels(form: FormData): { labels: Record<string, string>; errors: Record<string, FieldErrorKind> } {
  const labels: Record<string, string> = {};
  const errors: Record<string, FieldErrorKind> = {};
  try {
    Object.assign(labels, JSON.parse(String(form.get("otherLabels") ?? "{}")) as Record<string, string>);
  } catch {
    // No labels in other languages to keep.
  }
  for (const language of UI_LANGUAGES) {
    const value = String(form.get(`label-${language}`) ?? "").trim();
    delete labels[language];
    if (value.length > MAX_LABEL) errors[`label-${language}`] = "tooLong";
    if (value) labels[language] = value;
  }
  if (!labels.en) errors["label-en"] = "required";
  return { labels, errors };
}

/** The number of practices the server says use an entry, from its 409 answer. */
function usageCount(error: ApiError): number {
  const problems = (error.body as { problems?: { count?: unknown }[] } | null)?.problems ?? [];
  const count = problems.find((problem) => typeof problem.count === "number")?.count;
  return typeof count === "number" ? count : 0;
}

/** Runs one change of the taxonomy or synonyms page. */
export async function changeTaxonomy(form: FormData, signal?: AbortSignal): Promise<TaxonomyResult> {
  const intent = String(form.get("intent")) as TaxonomyIntent;
  const id = String(form.get("id") ?? "").trim();

  if (intent === "createSynonyms" || intent === "deleteSynonyms") {
    const target = targetOf("synonyms", intent === "createSynonyms" ? "new" : id);
    try {
      if (intent === "deleteSynonyms") {
        await deleteSynonymGroup(id, signal);
        return { intent, target, ok: true };
      }
      const terms = String(form.get("terms") ?? "")
        .split(/[,\n]/)
        .map((term) => term.trim())
        .filter((term, index, all) => term !== "" && all.indexOf(term) === index);
      if (terms.length < 2) return { intent, target, ok: false, fieldErrors: { terms: "twoTerms" } };
      await createSynonymGroup(terms, signal);
      return { intent, target, ok: true };
    } catch (error) {
      return failed(intent, target, error);
    }
  }

  const kind = kindOf(form.get("kind"));
  const target = targetOf(kind, intent === "create" ? "new" : id);
  try {
    if (intent === "create" || intent === "update") {
      const { labels, errors } = readLabels(form);
      if (intent === "create") {
        if (id === "") errors.id = "required";
        else if (id.length > 60 || !SLUG_PATTERN.test(id)) errors.id = "slug";
      }
      if (Object.keys(errors).length > 0) return { intent, target, ok: false, fieldErrors: errors };
      if (intent === "create") await createEntry(kind, { id, labels }, signal);
      else await updateEntry(kind, id, labels, signal);
    } else if (intent === "delete") {
      await deleteEntry(kind, id, signal);
    } else {
      const into = String(form.get("into") ?? "");
      if (into === "") return { intent, target, ok: false, fieldErrors: { into: "chooseTarget" } };
      const result = await mergeEntry(kind, id, into, signal);
      markRootDataStale();
      return { intent, target, ok: true, moved: result.moved, into: result.into };
    }
    // Labels show everywhere in the app: the layout loads the taxonomy again.
    markRootDataStale();
    return { intent, target, ok: true };
  } catch (error) {
    if (error instanceof ApiError && error.code === "taxonomy_entry_in_use") {
      return { intent, target, ok: false, inUse: usageCount(error), message: error.message };
    }
    if (error instanceof ApiError && error.code === "taxonomy_entry_exists") {
      return { intent, target, ok: false, fieldErrors: { id: "exists" } };
    }
    return failed(intent, target, error);
  }
}

function failed(intent: TaxonomyIntent, target: string, error: unknown): TaxonomyResult {
  if (!(error instanceof ApiError)) throw error;
  return { intent, target, ok: false, message: error.message };
}
