import { CONTENT_LANGUAGES } from "@practice-kb/shared";
import type { DrillSetInput } from "@practice-kb/shared/drills";
import { ApiError } from "@/lib/api-client";
import { createDrillSet } from "./api/create-drill-set";
import { deleteDrillSet } from "./api/delete-drill-set";

/** What creating or deleting a set came to, for the page to say. */
export type DrillsActionResult =
  | { status: "created"; name: string }
  | { status: "deleted" }
  | { status: "invalid"; problem: "nameRequired" }
  | { status: "failed"; message: string };

/** The set a lead's form describes: filters, or practice ids one per line. */
export function setInputOf(form: FormData): DrillSetInput {
  const languages = form.getAll("languages").map(String);
  return {
    name: String(form.get("name") ?? "").trim(),
    description: String(form.get("description") ?? "").trim() || undefined,
    filters: {
      situationTypes: form.getAll("situationTypes").map(String),
      channels: form.getAll("channels").map(String),
      languages: CONTENT_LANGUAGES.filter((language) => languages.includes(language)),
    },
    practiceIds: String(form.get("practiceIds") ?? "")
      .split(/\s+/)
      .map((id) => id.trim().replace(/^.*\/practices\//, ""))
      .filter((id) => id !== ""),
  };
}

/** Creates or deletes a set (the lead's form on the drills page). */
export async function drillsAction(form: FormData, signal: AbortSignal): Promise<DrillsActionResult> {
  try {
    if (form.get("intent") === "delete") {
      await deleteDrillSet(String(form.get("setId") ?? ""), signal);
      return { status: "deleted" };
    }
    const input = setInputOf(form);
    if (!input.name) return { status: "invalid", problem: "nameRequired" };
    const set = await createDrillSet(input, signal);
    return { status: "created", name: set.name };
  } catch (error) {
    if (error instanceof ApiError) return { status: "failed", message: error.message };
    throw error;
  }
}
