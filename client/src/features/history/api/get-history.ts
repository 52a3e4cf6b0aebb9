import { type RevisionSummary, revisionSummarySchema } from "@practice-kb/shared";
import { z } from "zod";
import { paths } from "@/config/paths";
import { apiRequest } from "@/lib/api-client";

const historySchema = z.object({ revisions: z.array(revisionSummarySchema) });

/** Every revision of a practice, newest first: who, when, what and with which comment. */
export async function getHistory(id: string, signal?: AbortSignal): Promise<RevisionSummary[]> {
  const response = await apiRequest(paths.api.history(id), historySchema, { signal });
  return response.revisions;
}
