import {
  type ImportProblem,
  type InterchangePractice,
  interchangeFileSchema,
  interchangePracticeSchema,
  readableIssueMessage,
  type Taxonomy,
  type TaxonomyEntry,
} from "@practice-kb/shared";
import type { z } from "zod";

/** Who is importing: approving content on import is a curator's or administrator's right. */
export type ImporterRole = "staff" | "curator" | "administrator";

/** A file that passed every check, ready to write. */
export interface ValidatedFile {
  situationTypes: TaxonomyEntry[];
  channels: TaxonomyEntry[];
  practices: InterchangePractice[];
}

function fieldOf(path: PropertyKey[]): string {
  return path
    .map((part) => (typeof part === "number" ? `[${part}]` : `.${String(part)}`))
    .join("")
    .replace(/^\./, "");
}

function problemsFromZod(error: z.ZodError, entry: string, index: number | null, id: string | null): ImportProblem[] {
  return error.issues.flatMap((issue) => {
    // An unknown key is reported once per key, naming it, so a typo does not vanish silently.
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({
        entry,
        index,
        id,
        field: fieldOf([...issue.path, key]),
        reason: "unknown field",
      }));
    }
    return [{ entry, index, id, field: fieldOf(issue.path) || "(entry)", reason: readableIssueMessage(issue.message) }];
  });
}

function duplicateIds(entries: { id?: string }[], entryName: string): ImportProblem[] {
  const seen = new Set<string>();
  const problems: ImportProblem[] = [];
  entries.forEach((entry, index) => {
    if (!entry.id) return;
    if (seen.has(entry.id)) {
      problems.push({
        entry: `${entryName}[${index}]`,
        index,
        id: entry.id,
        field: "id",
        reason: "duplicate id in this file",
      });
    }
    seen.add(entry.id);
  });
  return problems;
}

/**
 * Checks a whole practice-kb/v1 file against the format and the taxonomy that will exist after
 * it is applied. Returns every problem found (entry index, id, field, reason), or the parsed file.
 */
export function validateInterchangeFile(
  raw: unknown,
  existing: Taxonomy,
  role: ImporterRole,
): { ok: true; file: ValidatedFile } | { ok: false; problems: ImportProblem[] } {
  const top = interchangeFileSchema.safeParse(raw);
  if (!top.success) {
    // Report top-level problems, and still check the practices if the array itself is readable.
    const problems = problemsFromZod(top.error, "file", null, null).map((problem) => {
      const match = /^(situationTypes|channels)\[(\d+)\]/.exec(problem.field);
      return match ? { ...problem, entry: `${match[1]}[${match[2]}]`, index: Number(match[2]) } : problem;
    });
    return { ok: false, problems };
  }
  const file = top.data;
  const situationTypes = file.situationTypes ?? [];
  const channels = file.channels ?? [];
  const problems: ImportProblem[] = [
    ...duplicateIds(situationTypes, "situationTypes"),
    ...duplicateIds(channels, "channels"),
  ];
  const knownTypes = new Set([...existing.situationTypes, ...situationTypes].map((entry) => entry.id));
  const knownChannels = new Set([...existing.channels, ...channels].map((entry) => entry.id));

  const practices: InterchangePractice[] = [];
  const rawIds: { id?: string }[] = [];
  file.practices.forEach((rawPractice, index) => {
    const entry = `practices[${index}]`;
    const rawId =
      rawPractice && typeof rawPractice === "object" && typeof (rawPractice as { id?: unknown }).id === "string"
        ? (rawPractice as { id: string }).id
        : null;
    rawIds.push({ id: rawId ?? undefined });
    const parsed = interchangePracticeSchema.safeParse(rawPractice);
    if (!parsed.success) {
      problems.push(...problemsFromZod(parsed.error, entry, index, rawId));
      return;
    }
    const practice = parsed.data;
    const id = practice.id ?? null;
    if (!knownTypes.has(practice.situationType)) {
      problems.push({
        entry,
        index,
        id,
        field: "situationType",
        reason: `unknown situation type "${practice.situationType}"`,
      });
    }
    practice.channels.forEach((channel, position) => {
      if (!knownChannels.has(channel)) {
        problems.push({ entry, index, id, field: `channels[${position}]`, reason: `unknown channel "${channel}"` });
      }
    });
    if (practice.status === "approved" && role === "staff") {
      problems.push({
        entry,
        index,
        id,
        field: "status",
        reason: "only a curator or administrator may import approved practices",
      });
    }
    practices.push(practice);
  });
  problems.push(...duplicateIds(rawIds, "practices"));
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, file: { situationTypes, channels, practices } };
}
