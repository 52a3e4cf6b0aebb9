import { z } from "zod";
import { paths } from "@/config/paths";
import { ApiError, apiRequest, rememberCsrfToken } from "@/lib/api-client";
import { markRootDataStale } from "@/lib/root-data";

/** Ends the session; a session that had already ended counts as logged out too. */
export async function logout(signal?: AbortSignal): Promise<void> {
  try {
    await apiRequest(paths.api.logout, z.null(), { method: "POST", signal });
  } catch (error) {
    if (!(error instanceof ApiError && error.isUnauthorized)) throw error;
  } finally {
    rememberCsrfToken(null);
    markRootDataStale();
  }
}
