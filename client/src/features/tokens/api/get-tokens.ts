import { type ApiToken, apiTokenSchema } from "@practice-kb/shared";
import { z } from "zod";
import { paths } from "@/config/paths";
import { apiRequest } from "@/lib/api-client";

/** Every API token, revoked ones too (never their secrets). */
export async function getTokens(signal?: AbortSignal): Promise<ApiToken[]> {
  const response = await apiRequest(paths.api.tokens, z.object({ tokens: z.array(apiTokenSchema) }), { signal });
  return response.tokens;
}
