import { type PracticeStatus, practiceInputSchema } from "@practice-kb/shared";
import { ApiError } from "@/lib/api-client";
import { refreshReviewCount } from "@/lib/review-count";
import { createPractice } from "./api/create-practice";
import { submitPractice } from "./api/submit-practice";
import { updatePractice } from "./api/update-practice";
import {
  commentProblems,
  type FormProblem,
  problemsFromServer,
  problemsFromZod,
  readComment,
  readDraft,
} from "./form-model";

/** What happened to a practice the form saved. */
export type SaveOutcome = "submitted" | "draft" | "saved" | "editProposed";

/** What a submit of the practice form (new or edit) comes back with. */
export type PracticeFormResult =
  | { status: "invalid"; problems: FormProblem[]; messages: string[] }
  | { status: "done"; outcome: SaveOutcome; id: string; title: string }
  /** Someone else saved the practice after the revision the user started from; nothing was saved. */
  | { status: "conflict"; baseRevision: number; message: string }
  | { status: "unauthorized" }
  | { status: "unavailable" }
  /** An earlier attempt of this form was stored although its answer never came; it is in "My practices". */
  | { status: "alreadySaved" }
  | { status: "error"; message: string };

/** The button that sent the form: save as a draft, or (save and) send for review. */
export type Intent = "draft" | "submit";

function intentOf(form: FormData): Intent {
  return form.get("intent") === "draft" ? "draft" : "submit";
}

function validate(form: FormData) {
  const comment = readComment(form);
  const parsed = practiceInputSchema.safeParse(readDraft(form));
  const problems = [...(parsed.success ? [] : problemsFromZod(parsed.error.issues)), ...commentProblems(comment)];
  return { parsed, comment, problems };
}

function failure(error: unknown, baseRevision?: number): PracticeFormResult {
  if (!(error instanceof ApiError)) throw error;
  if (error.status === 400) {
    const { problems, unplaced } = problemsFromServer(error.problems);
    return { status: "invalid", problems, messages: problems.length || unplaced.length ? unplaced : [error.message] };
  }
  if (error.status === 409 && error.code === "edit_conflict" && baseRevision !== undefined) {
    return { status: "conflict", baseRevision, message: error.message };
  }
  // The form's earlier attempt was stored (its answer lost), and the text has changed since.
  if (error.status === 409 && error.code === "idempotency_key_reused") return { status: "alreadySaved" };
  if (error.isUnauthorized) return { status: "unauthorized" };
  if (error.isUnavailable) return { status: "unavailable" };
  return { status: "error", message: error.message };
}

/** Validates a new practice with the API's own schema and creates it as a draft or sent for review. */
export async function submitProposal(form: FormData, signal?: AbortSignal): Promise<PracticeFormResult> {
  const { parsed, comment, problems } = validate(form);
  if (!parsed.success || problems.length > 0) return { status: "invalid", problems, messages: [] };
  const submit = intentOf(form) === "submit";
  try {
    const key = form.get("idempotencyKey");
    // A translation names its original; the team lead's approval links the two.
    const translationOf = form.get("translationOf");
    const created = await createPractice(
      {
        ...parsed.data,
        submit,
        ...(comment ? { comment } : {}),
        ...(typeof translationOf === "string" && translationOf ? { translationOf } : {}),
      },
      typeof key === "string" && key ? key : null,
      signal,
    );
    if (submit) void refreshReviewCount();
    return { status: "done", outcome: submit ? "submitted" : "draft", id: created.id, title: created.title };
  } catch (error) {
    return failure(error);
  }
}

/**
 * Saves an edit from the revision the form was loaded with. A draft is saved (and sent for review when
 * asked); a practice in review changes in place; an approved one gets a proposed edit for the team lead.
 */
export async function submitEdit(
  id: string,
  status: PracticeStatus,
  form: FormData,
  signal?: AbortSignal,
): Promise<PracticeFormResult> {
  const { parsed, comment, problems } = validate(form);
  if (!parsed.success || problems.length > 0) return { status: "invalid", problems, messages: [] };
  const baseRevision = Number(form.get("baseRevision"));
  let saved: Awaited<ReturnType<typeof updatePractice>>;
  try {
    saved = await updatePractice(id, { ...parsed.data, baseRevision, ...(comment ? { comment } : {}) }, signal);
  } catch (error) {
    return failure(error, baseRevision);
  }
  if (status === "draft" && intentOf(form) === "submit") {
    try {
      const submitted = await submitPractice(id, saved.meta.revision, signal);
      void refreshReviewCount();
      return { status: "done", outcome: "submitted", id, title: submitted.title };
    } catch (error) {
      // The text is saved; only sending it on failed, so this is no "nothing was saved" conflict.
      return failure(error);
    }
  }
  const outcome: SaveOutcome = status === "approved" ? "editProposed" : status === "draft" ? "draft" : "saved";
  if (outcome === "editProposed") void refreshReviewCount();
  return { status: "done", outcome, id, title: saved.pending?.content.title ?? saved.title };
}
