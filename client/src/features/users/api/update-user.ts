import { type User, type UserUpdateInput, userSchema } from "@practice-kb/shared";
import { paths } from "@/config/paths";
import { apiRequest } from "@/lib/api-client";

/** Renames, sets the role, deactivates (ending its sessions) or reactivates an account. */
export function updateUser(id: string, input: UserUpdateInput, signal?: AbortSignal): Promise<User> {
  return apiRequest(paths.api.user(id), userSchema, { method: "PATCH", body: input, signal });
}
