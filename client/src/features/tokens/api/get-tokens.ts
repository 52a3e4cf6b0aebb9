import { type ApiToken, apiTokenListSchema } from "@practice-kb/shared";
import { paths } from "@/config/paths";
import { apiRequest } from "@/lib/api-client";

/** Every API token, revoked ones too (never their secrets). */
export async function getTokens(signal?: AbortSignal): Promise<ApiToken[]> {
  const response = await apiRequest(paths.api.tokens, apiTokenListSchema, { signal });
  return response.tokens;
}
