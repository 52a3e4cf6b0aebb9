import { passwordSchema, roleSchema, userCreateInputSchema } from "@practice-kb/shared";
import { ApiError } from "@/lib/api-client";
import { createUser } from "./api/create-user";
import { resetPassword } from "./api/reset-password";
import { updateUser } from "./api/update-user";

export type UsersIntent = "create" | "role" | "deactivate" | "reactivate" | "password";

/** Why one field was refused, in kinds the UI words. */
export type UserFieldError = "required" | "email" | "passwordShort" | "tooLong" | "exists";

/** What a change on the users page came back with; `target` is the user's id, or "new". */
export interface UsersResult {
  intent: UsersIntent;
  target: string;
  ok: boolean;
  name?: string;
  fieldErrors?: Record<string, UserFieldError>;
  /** The change would leave no active administrator. */
  lastAdministrator?: boolean;
  message?: string;
}

/** Runs one change of the users page. */
export async function changeUsers(form: FormData, signal?: AbortSignal): Promise<UsersResult> {
  const intent = String(form.get("intent")) as UsersIntent;
  const id = String(form.get("id") ?? "");
  const name = String(form.get("name") ?? "").trim();
  const target = intent === "create" ? "new" : id;
  try {
    if (intent === "create") {
      const input = {
        email: String(form.get("email") ?? ""),
        name,
        role: String(form.get("role") ?? ""),
        password: String(form.get("password") ?? ""),
      };
      const parsed = userCreateInputSchema.safeParse(input);
      if (!parsed.success) {
        const fieldErrors: Record<string, UserFieldError> = {};
        for (const issue of parsed.error.issues) {
          const field = String(issue.path[0]);
          if (fieldErrors[field]) continue;
          const value = input[field as keyof typeof input] ?? "";
          fieldErrors[field] =
            value.trim() === ""
              ? "required"
              : field === "email"
                ? "email"
                : field === "password" && issue.code === "too_small"
                  ? "passwordShort"
                  : "tooLong";
        }
        return { intent, target, ok: false, fieldErrors };
      }
      const created = await createUser(parsed.data, signal);
      return { intent, target, ok: true, name: created.name };
    }
    if (intent === "password") {
      const password = String(form.get("password") ?? "");
      const parsed = passwordSchema.safeParse(password);
      if (!parsed.success) {
        return { intent, target, ok: false, name, fieldErrors: { password: password ? "passwordShort" : "required" } };
      }
      await resetPassword(id, parsed.data, signal);
      return { intent, target, ok: true, name };
    }
    const update =
      intent === "role" ? { role: roleSchema.parse(form.get("role")) } : { active: intent === "reactivate" };
    const updated = await updateUser(id, update, signal);
    return { intent, target, ok: true, name: updated.name };
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    if (error.code === "user_exists") return { intent, target, ok: false, fieldErrors: { email: "exists" } };
    if (error.code === "last_administrator") return { intent, target, ok: false, name, lastAdministrator: true };
    return { intent, target, ok: false, name, message: error.message };
  }
}
