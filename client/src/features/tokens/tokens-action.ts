import { roleSchema } from "@practice-kb/shared";
import { ApiError } from "@/lib/api-client";
import { createToken } from "./api/create-token";
import { revokeToken } from "./api/revoke-token";

/** What a change on the tokens page came back with. */
export type TokensResult =
  | { intent: "create"; ok: true; name: string; secret: string }
  | { intent: "create"; ok: false; fieldErrors?: { name?: "required" | "tooLong" }; message?: string }
  | { intent: "revoke"; id: string; ok: true; name: string }
  | { intent: "revoke"; id: string; ok: false; message: string };

/** Creates or revokes a token. */
export async function changeTokens(form: FormData, signal?: AbortSignal): Promise<TokensResult> {
  if (form.get("intent") === "revoke") {
    const id = String(form.get("id") ?? "");
    try {
      const revoked = await revokeToken(id, signal);
      return { intent: "revoke", id, ok: true, name: revoked.name };
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      return { intent: "revoke", id, ok: false, message: error.message };
    }
  }
  const name = String(form.get("name") ?? "").trim();
  if (name === "") return { intent: "create", ok: false, fieldErrors: { name: "required" } };
  if (name.length > 120) return { intent: "create", ok: false, fieldErrors: { name: "tooLong" } };
  try {
    const created = await createToken(name, roleSchema.catch("staff").parse(form.get("role")), signal);
    return { intent: "create", ok: true, name: created.token.name, secret: created.secret };
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return { intent: "create", ok: false, message: error.message };
  }
}
