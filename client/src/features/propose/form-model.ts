import {
  PRACTICE_FIELD_NAMES,
  type PracticeFieldName,
  type PracticeInputDraft,
  practiceField,
} from "@practice-kb/shared";
import type { z } from "zod";
import type { FieldProblem } from "@/lib/api-client";

/** The form's fields: the practice's, then the note to the team lead (also the order of the error summary). */
export const FIELDS = [...PRACTICE_FIELD_NAMES, "comment"] as const;
export type FieldName = PracticeFieldName | "comment";

/** Kinds of problem the form explains in the UI language (zod's own messages are English only). */
export type ProblemKind =
  | "required"
  | "tooShort"
  | "tooLong"
  | "chooseOne"
  | "choose"
  | "addLine"
  | "tooMany"
  | "duplicate"
  | "date"
  | "invalid"
  | "server";

/** One problem with one field, optionally on one line of a one-per-line field. */
export interface FormProblem {
  field: FieldName;
  kind: ProblemKind;
  line?: number;
  min?: number;
  max?: number;
  /** The server's own wording, for problems only the server knows about. */
  message?: string;
}

function isField(value: unknown): value is FieldName {
  return (FIELDS as readonly unknown[]).includes(value);
}

function lines(value: FormDataEntryValue | null): string[] {
  return String(value ?? "")
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "");
}

function optional(value: FormDataEntryValue | null): string | undefined {
  const text = String(value ?? "").trim();
  return text === "" ? undefined : text;
}

/** The longest note to the team lead the API takes. */
export const MAX_COMMENT = 2000;

/** The note to the team lead sent with a proposal or an edit, if any. */
export function readComment(form: FormData): string | undefined {
  return optional(form.get("comment"));
}

/** The problems of the note (it is not part of the practice, so the practice schema does not check it). */
export function commentProblems(comment: string | undefined): FormProblem[] {
  return comment && comment.length > MAX_COMMENT ? [{ field: "comment", kind: "tooLong", max: MAX_COMMENT }] : [];
}

function readField(form: FormData, name: PracticeFieldName): unknown {
  const field = practiceField(name);
  if (field.kind === "taxonomy" && field.list) return form.getAll(name).map(String);
  if (field.kind === "tags") {
    return String(form.get(name) ?? "")
      .split(/[,\n]/)
      .map((tag) => tag.trim())
      .filter((tag) => tag !== "");
  }
  if (field.list) return lines(form.get(name));
  return field.optional ? optional(form.get(name)) : String(form.get(name) ?? "");
}

/** Turns the submitted form into the shape `practiceInputSchema` checks: lists one per line, tags by commas. */
export function readDraft(form: FormData): PracticeInputDraft {
  return Object.fromEntries(PRACTICE_FIELD_NAMES.map((name) => [name, readField(form, name)])) as PracticeInputDraft;
}

// Fields filled by choosing (a select or checkboxes), whose problems read "choose" rather than "fill in".
function isChoice(field: FieldName): boolean {
  return field !== "comment" && ["language", "taxonomy"].includes(practiceField(field).kind);
}

function isDate(field: FieldName): boolean {
  return field !== "comment" && practiceField(field).kind === "date";
}

/** Translates zod issues from `practiceInputSchema` into form problems. */
export function problemsFromZod(issues: readonly z.core.$ZodIssue[]): FormProblem[] {
  const problems: FormProblem[] = [];
  for (const issue of issues) {
    const [head, index] = issue.path;
    if (!isField(head)) continue;
    const field = head;
    const line = typeof index === "number" ? index + 1 : undefined;
    const base = { field, line };
    switch (issue.code) {
      case "too_small": {
        const min = Number(issue.minimum);
        if (issue.origin === "array") problems.push({ ...base, kind: isChoice(field) ? "chooseOne" : "addLine" });
        else problems.push({ ...base, kind: min <= 1 ? "required" : "tooShort", min });
        break;
      }
      case "too_big": {
        const max = Number(issue.maximum);
        problems.push({ ...base, kind: issue.origin === "array" ? "tooMany" : "tooLong", max });
        break;
      }
      case "custom":
        problems.push({ ...base, kind: isDate(field) ? "date" : "duplicate" });
        break;
      case "invalid_format":
        problems.push({
          ...base,
          kind: isDate(field) ? "date" : isChoice(field) ? "choose" : "invalid",
        });
        break;
      case "invalid_value":
      case "invalid_type":
        problems.push({ ...base, kind: isChoice(field) ? "choose" : "required" });
        break;
      default:
        problems.push({ ...base, kind: "invalid" });
    }
  }
  return problems;
}

/** Maps the server's 400 problems onto the form's fields; unknown paths go to the form as a whole. */
export function problemsFromServer(serverProblems: FieldProblem[]): { problems: FormProblem[]; unplaced: string[] } {
  const problems: FormProblem[] = [];
  const unplaced: string[] = [];
  for (const problem of serverProblems) {
    const [head, index] = problem.path.split(".");
    if (isField(head)) {
      const line = index !== undefined && /^\d+$/.test(index) ? Number(index) + 1 : undefined;
      problems.push({ field: head, kind: "server", line, message: problem.message });
    } else {
      unplaced.push(problem.path ? `${problem.path}: ${problem.message}` : problem.message);
    }
  }
  return { problems, unplaced };
}
