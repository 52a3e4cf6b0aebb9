import { type ActionFunctionArgs, redirect } from "react-router";
import { isAppPath, paths } from "@/config/paths";
import { logout } from "@/features/auth/api/logout";
import { attemptLogin, type LoginResult } from "@/features/auth/login-action";

/** Logs in and goes to the address the user first wanted (only ever an address inside the app). */
export async function loginAction({ request }: ActionFunctionArgs): Promise<LoginResult | Response> {
  const failed = await attemptLogin(await request.formData(), request.signal);
  if (failed) return failed;
  const next = new URL(request.url).searchParams.get("next");
  return redirect(isAppPath(next) ? next : paths.home.getHref());
}

/** Logs out and shows the login page. */
export async function logoutAction({ request }: ActionFunctionArgs): Promise<Response> {
  await logout(request.signal).catch(() => undefined);
  return redirect(paths.login.getHref());
}
