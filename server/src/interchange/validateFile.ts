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
import type { GroupedEntry } from "./groupClashes";
import { practiceIdOf } from "./practiceWriter";

/** Who is importing: approving content on import is a curator's or administrator's right. */
export type ImporterRole = "staff" | "curator" | "administrator";

/** The top of a file that passed every check: what the write pass needs besides the practices themselves. */
export interface ValidatedHeader {
  /** The file's format version: a v1 file says nothing about translation links, so import keeps the stored ones. */
  format: FormatId;
  situationTypes: TaxonomyEntry[];
  channels: TaxonomyEntry[];
  practiceCount: number;
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

/** How many problems an answer lists at most; the rest are only counted (a broken file must not make a huge answer). */
export const MAX_REPORTED_PROBLEMS = 1000;

/** The top-level members of a file, as the first pass found them (practices only as "there is an array"). */
export interface FileHeader {
  isObject: boolean;
  members: Record<string, unknown>;
  unknownMembers: string[];
  /** absent, an array, or something else */
  practices: "missing" | "array" | "other";
}

/** An empty header, filled while a file is read. */
export const emptyHeader = (): FileHeader => ({
  isObject: true,
  members: {},
  unknownMembers: [],
  practices: "missing",
});

/**
 * Checks a practice-kb/v1 or v2 file entry by entry, as it is read, against the format and the taxonomy that
 * will exist after it is applied. Keeps the first MAX_REPORTED_PROBLEMS problems (entry index, id, field,
 * reason) and counts them all; holds only the ids and translation groups seen, never the practices.
 */
export class InterchangeValidator {
  readonly problems: ImportProblem[] = [];
  problemCount = 0;
  practiceCount = 0;
  private format: FormatId = FORMAT_V1;
  private knownTypes = new Set<string>();
  private knownChannels = new Set<string>();
  private headerValid = false;
  private readonly practiceIds = new Set<string>();
  private readonly groupLanguages = new Map<string, number>();
  /** The entries naming a translation group, for the check against the groups in the store (storeGroupClashes). */
  readonly groupedEntries: GroupedEntry[] = [];
  /** Problem counts of broken entries by their JSON text, used once the problem list is full. */
  private readonly brokenEntryCounts = new Map<string, number>();
  private situationTypes: TaxonomyEntry[] = [];
  private channels: TaxonomyEntry[] = [];

  constructor(
    private readonly existing: Taxonomy,
    private readonly role: ImporterRole,
  ) {}

  private report(problems: ImportProblem[]): void {
    this.problemCount += problems.length;
    const room = MAX_REPORTED_PROBLEMS - this.problems.length;
    if (room > 0) this.problems.push(...problems.slice(0, room));
  }

  /** Checks the top-level members; practices are checked against them afterwards. Returns whether they are valid. */
  header(header: FileHeader): boolean {
    const practices = header.practices === "array" ? [] : header.practices === "other" ? null : undefined;
    const top = header.isObject
      ? {
          ...Object.fromEntries(header.unknownMembers.map((key) => [key, null])),
          ...header.members,
          ...(practices === undefined ? {} : { practices }),
        }
      : null;
    const parsed = interchangeFileSchema.safeParse(top);
    if (!parsed.success) {
      this.report(
        problemsFromZod(parsed.error, "file", null, null).map((problem) => {
          const match = /^(situationTypes|channels)\[(\d+)\]/.exec(problem.field);
          return match ? { ...problem, entry: `${match[1]}[${match[2]}]`, index: Number(match[2]) } : problem;
        }),
      );
      return false;
    }
    this.format = parsed.data.format;
    this.situationTypes = parsed.data.situationTypes ?? [];
    this.channels = parsed.data.channels ?? [];
    this.report([...duplicateIds(this.situationTypes, "situationTypes"), ...duplicateIds(this.channels, "channels")]);
    this.knownTypes = new Set([...this.existing.situationTypes, ...this.situationTypes].map((entry) => entry.id));
    this.knownChannels = new Set([...this.existing.channels, ...this.channels].map((entry) => entry.id));
    this.headerValid = true;
    return true;
  }

  /** Top-level members found after the practices once the header was checked: each is an unknown field. */
  unknownMembers(keys: string[]): void {
    this.report(keys.map((key) => ({ entry: "file", index: null, id: null, field: key, reason: "unknown field" })));
  }

  /** Checks one practice entry (after `header`). */
  practice(rawPractice: unknown, index: number): void {
    this.practiceCount++;
    const entry = `practices[${index}]`;
    const rawId =
      rawPractice && typeof rawPractice === "object" && typeof (rawPractice as { id?: unknown }).id === "string"
        ? (rawPractice as { id: string }).id
        : null;
    if (rawId !== null) {
      if (this.practiceIds.has(rawId)) {
        this.report([{ entry, index, id: rawId, field: "id", reason: "duplicate id in this file" }]);
      }
      this.practiceIds.add(rawId);
    }
    // Once the list is full, a broken entry seen before (a flood of `{}`) is counted from a cache instead of
    // parsed again: the count stays exact at a fraction of the cost.
    const full = this.problems.length >= MAX_REPORTED_PROBLEMS;
    const text = full ? JSON.stringify(rawPractice) : undefined;
    const known = text === undefined ? undefined : this.brokenEntryCounts.get(text);
    if (known !== undefined) {
      this.problemCount += known;
      return;
    }
    const practiceSchema = this.format === FORMAT_V1 ? interchangePracticeV1Schema : interchangePracticeSchema;
    const parsed = practiceSchema.safeParse(rawPractice);
    if (!parsed.success) {
      const problems = problemsFromZod(parsed.error, entry, index, rawId);
      if (text !== undefined && text.length <= 1000 && this.brokenEntryCounts.size < 10_000) {
        this.brokenEntryCounts.set(text, problems.length);
      }
      this.report(problems);
      return;
    }
    const practice: InterchangePractice = parsed.data;
    const id = practice.id ?? null;
    const problems: ImportProblem[] = [];
    if (!this.knownTypes.has(practice.situationType)) {
      problems.push({
        entry,
        index,
        id,
        field: "situationType",
        reason: `unknown situation type "${practice.situationType}"`,
      });
    }
    practice.channels.forEach((channel, position) => {
      if (!this.knownChannels.has(channel)) {
        problems.push({ entry, index, id, field: `channels[${position}]`, reason: `unknown channel "${channel}"` });
      }
    });
    if (practice.status === "approved" && this.role === "staff") {
      problems.push({
        entry,
        index,
        id,
        field: "status",
        reason: "only a curator or administrator may import approved practices",
      });
    }
    // A translation group may hold one practice per language: a second one in this file is a problem.
    if (practice.translationGroup) {
      const key = `${practice.translationGroup}\u0000${practice.language}`;
      const first = this.groupLanguages.get(key);
      this.groupedEntries.push({
        group: practice.translationGroup,
        language: practice.language,
        index,
        id: practiceIdOf(practice),
      });
      if (first === undefined) this.groupLanguages.set(key, index);
      else {
        const reason = `translation group "${practice.translationGroup}" already has a practice in "${practice.language}" (practices[${first}])`;
        problems.push({ entry, index, id, field: "translationGroup", reason });
      }
    }
    this.report(problems);
  }

  /** The ids of the practices the file names (given ones, and the derived ids of entries in a translation group). */
  fileIds(): Set<string> {
    return new Set([...this.practiceIds, ...this.groupedEntries.map((entry) => entry.id)]);
  }

  /** The outcome once every entry was seen. */
  result(): { ok: true; header: ValidatedHeader } | { ok: false; problems: ImportProblem[]; problemCount: number } {
    if (!this.headerValid || this.problemCount > 0) {
      return { ok: false, problems: this.problems, problemCount: this.problemCount };
    }
    return {
      ok: true,
      header: {
        format: this.format,
        situationTypes: this.situationTypes,
        channels: this.channels,
        practiceCount: this.practiceCount,
      },
    };
  }
}

/** The parse of an entry that passed validation, for writing: the format's defaults and trimming applied. */
export function parseValidatedPractice(format: FormatId, raw: unknown): InterchangePractice {
  return (format === FORMAT_V1 ? interchangePracticeV1Schema : interchangePracticeSchema).parse(raw);
}
