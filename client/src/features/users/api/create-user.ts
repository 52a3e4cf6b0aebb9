import { type User, type UserCreateInput, userSchema } from "@practice-kb/shared";
import { paths } from "@/config/paths";
import { apiRequest } from "@/lib/api-client";

/** Creates an account with a first password; an email in use fails with ApiError 409 user_exists. */
export function createUser(input: UserCreateInput, signal?: AbortSignal): Promise<User> {
  return apiRequest(paths.api.users, userSchema, { method: "POST", body: input, signal });
}
