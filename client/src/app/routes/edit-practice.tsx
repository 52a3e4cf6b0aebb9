import { practiceStatusSchema } from "@practice-kb/shared";
import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type ShouldRevalidateFunctionArgs,
  useLoaderData,
} from "react-router";
import { getPractice } from "@/features/propose/api/get-practice";
import { EditPage } from "@/features/propose/components/edit-page";
import { type PracticeFormResult, submitEdit } from "@/features/propose/propose-action";
import { ApiError } from "@/lib/api-client";

/** Loads the practice to edit, with its revision and what the user may do. */
export async function loader({ params, request }: LoaderFunctionArgs) {
  try {
    return { practice: await getPractice(params.id ?? "", request.signal) };
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) throw data({ notFound: true }, { status: 404 });
    throw error;
  }
}

/** Saves the edit from the revision the form was loaded at (the server answers 409 if it changed). */
export async function action({ params, request }: ActionFunctionArgs): Promise<PracticeFormResult> {
  const form = await request.formData();
  const status = practiceStatusSchema.catch("draft").parse(form.get("status"));
  return submitEdit(params.id ?? "", status, form, request.signal);
}

/**
 * After a refused save the form must keep the user's text, so the practice is not reloaded under it
 * (that would start the form afresh from the other person's version); "load their version" reloads it.
 */
export function shouldRevalidate({ actionResult, defaultShouldRevalidate }: ShouldRevalidateFunctionArgs) {
  if (actionResult && (actionResult as PracticeFormResult).status !== "done") return false;
  return defaultShouldRevalidate;
}

/** The edit route (loaded lazily, with the workflow strings). */
export function Component() {
  const { practice } = useLoaderData<typeof loader>();
  return <EditPage practice={practice} />;
}
