import { type LoginInput, type Session, sessionSchema } from "@practice-kb/shared";
import { paths } from "@/config/paths";
import { apiRequest, rememberCsrfToken } from "@/lib/api-client";
import { markRootDataStale } from "@/lib/root-data";

/** Logs in with email and password; the server sets the session cookie and returns the CSRF token. */
export async function login(input: LoginInput, signal?: AbortSignal): Promise<Session> {
  // A write without a session needs no CSRF token; forget any left over from an ended session.
  rememberCsrfToken(null);
  const session = await apiRequest(paths.api.login, sessionSchema, { method: "POST", body: input, signal });
  rememberCsrfToken(session.csrfToken);
  markRootDataStale();
  return session;
}
