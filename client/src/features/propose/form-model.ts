import type { PracticeInputDraft } from "@practice-kb/shared";
import type { z } from "zod";
import type { FieldProblem } from "@/lib/api-client";

/** The form's fields, in the order they appear (also the order of the error summary). */
export const FIELDS = [
  "language",
  "title",
  "situation",
  "situationType",
  "channels",
  "audiences",
  "response",
  "sayPhrases",
  "avoidPhrases",
  "tags",
  "source",
  "reviewBy",
  "comment",
] as const;
export type FieldName = (typeof FIELDS)[number];

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

/** Turns the submitted form into the shape `practiceInputSchema` checks. */
export function readDraft(form: FormData): PracticeInputDraft {
  return {
    language: String(form.get("language") ?? "") as PracticeInputDraft["language"],
    title: String(form.get("title") ?? ""),
    situation: String(form.get("situation") ?? ""),
    situationType: String(form.get("situationType") ?? ""),
    channels: form.getAll("channels").map(String),
    audiences: form.getAll("audiences").map(String),
    response: lines(form.get("response")),
    sayPhrases: lines(form.get("sayPhrases")),
    avoidPhrases: lines(form.get("avoidPhrases")),
    tags: String(form.get("tags") ?? "")
      .split(/[,\n]/)
      .map((tag) => tag.trim())
      .filter((tag) => tag !== ""),
    source: optional(form.get("source")),
    reviewBy: optional(form.get("reviewBy")),
  };
}

const CHOICE_FIELDS: FieldName[] = ["language", "situationType", "channels", "audiences"];

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
        if (issue.origin === "array") problems.push({ ...base, kind: field === "channels" ? "chooseOne" : "addLine" });
        else problems.push({ ...base, kind: min <= 1 ? "required" : "tooShort", min });
        break;
      }
      case "too_big": {
        const max = Number(issue.maximum);
        problems.push({ ...base, kind: issue.origin === "array" ? "tooMany" : "tooLong", max });
        break;
      }
      case "custom":
        problems.push({ ...base, kind: field === "reviewBy" ? "date" : "duplicate" });
        break;
      case "invalid_format":
        problems.push({
          ...base,
          kind: field === "reviewBy" ? "date" : CHOICE_FIELDS.includes(field) ? "choose" : "invalid",
        });
        break;
      case "invalid_value":
      case "invalid_type":
        problems.push({ ...base, kind: CHOICE_FIELDS.includes(field) ? "choose" : "required" });
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
