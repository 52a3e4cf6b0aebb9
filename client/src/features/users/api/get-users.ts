import { type User, userSchema } from "@practice-kb/shared";
import { z } from "zod";
import { paths } from "@/config/paths";
import { apiRequest } from "@/lib/api-client";

/** Every account (administrators only). */
export async function getUsers(signal?: AbortSignal): Promise<User[]> {
  const response = await apiRequest(paths.api.users, z.object({ users: z.array(userSchema) }), { signal });
  return response.users;
}
