import { practiceInputSchema } from "@practice-kb/shared";
import { ApiError } from "@/lib/api-client";
import { createPractice } from "./api/create-practice";
import { type FormProblem, problemsFromServer, problemsFromZod, readDraft } from "./form-model";

/** What a submit of the proposal form comes back with. */
export type ProposeResult =
  | { status: "invalid"; problems: FormProblem[]; messages: string[] }
  | { status: "sent"; title: string }
  | { status: "unavailable" }
  | { status: "error"; message: string };

/** Validates a proposal with the same schema as the API and, if it passes, sends it. */
export async function submitProposal(form: FormData, signal?: AbortSignal): Promise<ProposeResult> {
  const parsed = practiceInputSchema.safeParse(readDraft(form));
  if (!parsed.success) return { status: "invalid", problems: problemsFromZod(parsed.error.issues), messages: [] };
  try {
    const created = await createPractice(parsed.data, signal);
    return { status: "sent", title: created.title };
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    if (error.status === 400) {
      const { problems, unplaced } = problemsFromServer(error.problems);
      return { status: "invalid", problems, messages: problems.length || unplaced.length ? unplaced : [error.message] };
    }
    if (error.isUnavailable) return { status: "unavailable" };
    return { status: "error", message: error.message };
  }
}
