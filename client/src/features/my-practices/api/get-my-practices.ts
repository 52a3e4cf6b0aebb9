import { myPracticesSchema, type PracticeDetail } from "@practice-kb/shared";
import { paths } from "@/config/paths";
import { apiRequest } from "@/lib/api-client";

/** The logged-in user's practices and proposed edits, most recently changed first, with team leads' comments. */
export async function getMyPractices(signal?: AbortSignal): Promise<PracticeDetail[]> {
  const response = await apiRequest(paths.api.myPractices, myPracticesSchema, { signal });
  return response.practices;
}
