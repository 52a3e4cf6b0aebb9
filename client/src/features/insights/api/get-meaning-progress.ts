import { type Health, healthSchema } from "@practice-kb/shared";
import { paths } from "@/config/paths";
import { apiRequest } from "@/lib/api-client";

/** How far search by meaning has got: practices still waiting for their vector and the time left. */
export type MeaningProgress = Health["embeddings"];

const progressSchema = healthSchema.pick({ embeddings: true });

/** Reads the embedding progress from the health report; undefined when the server cannot say (the page still loads). */
export async function getMeaningProgress(signal?: AbortSignal): Promise<MeaningProgress | undefined> {
  try {
    return (await apiRequest(paths.api.health, progressSchema, { signal })).embeddings;
  } catch {
    return undefined;
  }
}
