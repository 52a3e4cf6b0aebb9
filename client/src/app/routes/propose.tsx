import type { ActionFunctionArgs } from "react-router";
import { ProposePage } from "@/features/propose/components/propose-page";
import { type PracticeFormResult, submitProposal } from "@/features/propose/propose-action";

/** Validates and sends the proposal form. */
export async function action({ request }: ActionFunctionArgs): Promise<PracticeFormResult> {
  return submitProposal(await request.formData(), request.signal);
}

/** The propose route (loaded lazily: most desk visits never open it). */
export const Component = ProposePage;
