import { type Session, sessionSchema } from "@practice-kb/shared";
import { paths } from "@/config/paths";
import { apiRequest, rememberCsrfToken } from "@/lib/api-client";

/** Who is logged in (ApiError 401 when nobody is); keeps the CSRF token for the writes that follow. */
export async function getSession(signal?: AbortSignal): Promise<Session> {
  const session = await apiRequest(paths.api.session, sessionSchema, { signal });
  rememberCsrfToken(session.csrfToken);
  return session;
}
