import { type CreatedApiToken, createdApiTokenSchema, type Role } from "@practice-kb/shared";
import { paths } from "@/config/paths";
import { apiRequest } from "@/lib/api-client";

/** Creates a token for an integration; the answer holds its secret, which is never shown again. */
export function createToken(name: string, role: Role, signal?: AbortSignal): Promise<CreatedApiToken> {
  return apiRequest(paths.api.tokens, createdApiTokenSchema, { method: "POST", body: { name, role }, signal });
}
