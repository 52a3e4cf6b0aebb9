import { type ApiToken, apiTokenSchema } from "@practice-kb/shared";
import { paths } from "@/config/paths";
import { apiRequest } from "@/lib/api-client";

/** Revokes a token at once. */
export function revokeToken(id: string, signal?: AbortSignal): Promise<ApiToken> {
  return apiRequest(paths.api.token(id), apiTokenSchema, { method: "DELETE", signal });
}
