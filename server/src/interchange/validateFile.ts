import {
  FORMAT_V1,
  type FormatId,
  type ImportProblem,
  type InterchangePractice,
  interchangeFileSchema,
  interchangePracticeSchema,
  interchangePracticeV1Schema,
  readableIssueMessage,
  type Taxonomy,
  type TaxonomyEntry,
} from "@practice-kb/shared";
import type { z } from "zod";

/** Who is importing: approving content on import is a curator's or administrator's right. */
export type ImporterRole = "staff" | "curator" | "administrator";

/** A file that passed every check, ready to write. */
export interface ValidatedFile {
  /** The file's format version: a v1 file says nothing about translation links, so import keeps the stored ones. */
  format: FormatId;
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

/** A translation group may hold one practice per language: a second one in this file is a problem. */
function translationClashes(practices: { entry: InterchangePractice; index: number }[]): ImportProblem[] {
  const seen = new Map<string, number>();
  return practices.flatMap(({ entry, index }) => {
    if (!entry.translationGroup) return [];
    const key = `${entry.translationGroup}\u0000${entry.language}`;
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, index);
      return [];
    }
    const reason = `translation group "${entry.translationGroup}" already has a practice in "${entry.language}" (practices[${first}])`;
    return [{ entry: `practices[${index}]`, index, id: entry.id ?? null, field: "translationGroup", reason }];
  });
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
  const indexed: { entry: InterchangePractice; index: number }[] = [];
  const practiceSchema = file.format === FORMAT_V1 ? interchangePracticeV1Schema : interchangePracticeSchema;
  const rawIds: { id?: string }[] = [];
  file.practices.forEach((rawPractice, index) => {
    const entry = `practices[${index}]`;
    const rawId =
      rawPractice && typeof rawPractice === "object" && typeof (rawPractice as { id?: unknown }).id === "string"
        ? (rawPractice as { id: string }).id
        : null;
    rawIds.push({ id: rawId ?? undefined });
    const parsed = practiceSchema.safeParse(rawPractice);
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
    indexed.push({ entry: practice, index });
  });
  problems.push(...duplicateIds(rawIds, "practices"), ...translationClashes(indexed));
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, file: { format: file.format, situationTypes, channels, practices } };
}
