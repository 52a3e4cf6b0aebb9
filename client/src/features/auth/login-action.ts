import { loginInputSchema } from "@practice-kb/shared";
import { ApiError } from "@/lib/api-client";
import { login } from "./api/login";

/** Problems with one field of the login form, in kinds the UI words. */
export interface LoginFieldErrors {
  email?: "emailRequired" | "emailInvalid";
  password?: "passwordRequired";
}

/** What a failed login attempt comes back with (a successful one redirects). */
export type LoginResult =
  | { status: "invalid"; fields: LoginFieldErrors }
  | { status: "invalidCredentials" }
  | { status: "deactivated" }
  | { status: "tooMany"; minutes: number }
  | { status: "unavailable" }
  | { status: "error"; message: string };

/** Checks the form and logs in; returns null when the user is logged in. */
export async function attemptLogin(form: FormData, signal?: AbortSignal): Promise<LoginResult | null> {
  const email = String(form.get("email") ?? "").trim();
  const password = String(form.get("password") ?? "");
  const fields: LoginFieldErrors = {};
  if (email === "") fields.email = "emailRequired";
  if (password === "") fields.password = "passwordRequired";
  const parsed = loginInputSchema.safeParse({ email, password });
  if (!parsed.success && !fields.email && parsed.error.issues.some((issue) => issue.path[0] === "email")) {
    fields.email = "emailInvalid";
  }
  if (fields.email || fields.password || !parsed.success) return { status: "invalid", fields };

  try {
    await login(parsed.data, signal);
    return null;
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    if (error.code === "account_deactivated") return { status: "deactivated" };
    if (error.status === 401) return { status: "invalidCredentials" };
    if (error.status === 429) {
      return { status: "tooMany", minutes: Math.max(1, Math.ceil((error.retryAfterSeconds ?? 60) / 60)) };
    }
    if (error.isUnavailable) return { status: "unavailable" };
    return { status: "error", message: error.message };
  }
}
