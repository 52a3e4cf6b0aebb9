import { type User, userListSchema } from "@practice-kb/shared";
import { paths } from "@/config/paths";
import { apiRequest } from "@/lib/api-client";

/** Every account (administrators only). */
export async function getUsers(signal?: AbortSignal): Promise<User[]> {
  const response = await apiRequest(paths.api.users, userListSchema, { signal });
  return response.users;
}
