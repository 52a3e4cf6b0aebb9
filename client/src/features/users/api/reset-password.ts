import { z } from "zod";
import { paths } from "@/config/paths";
import { apiRequest } from "@/lib/api-client";

/** Sets a new password for an account; its sessions end. */
export async function resetPassword(id: string, password: string, signal?: AbortSignal): Promise<void> {
  await apiRequest(paths.api.userPassword(id), z.null(), { method: "POST", body: { password }, signal });
}
