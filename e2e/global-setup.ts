import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type FullConfig, request } from "@playwright/test";

const AUTH_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), ".auth");

/** The demo accounts the tests act as (DEMO_ACCOUNTS=true on the test server). */
export const ACCOUNTS = {
  staff: { email: "staff@demo.local", password: "staff-demo", name: "Demo Staff" },
  curator: { email: "curator@demo.local", password: "curator-demo", name: "Demo Curator" },
  administrator: { email: "admin@demo.local", password: "admin-demo", name: "Demo Administrator" },
} as const;
export type AccountRole = keyof typeof ACCOUNTS;

/** Where each role's logged-in browser state is kept (staff is the default, see `use.storageState`). */
export const STORAGE_STATES: Record<AccountRole, string> = {
  staff: path.join(AUTH_DIR, "staff.json"),
  curator: path.join(AUTH_DIR, "curator.json"),
  administrator: path.join(AUTH_DIR, "administrator.json"),
};

/** The desk staff's state: every test starts as someone at the desk would, unless it says otherwise. */
export const STORAGE_STATE = STORAGE_STATES.staff;

/**
 * Logs each demo account in once through the API (fast); the tests that are about logging in use the
 * real login page. Tests never log these sessions out, so they stay valid for the whole run.
 */
export default async function globalSetup(config: FullConfig): Promise<void> {
  const baseURL = config.projects[0]?.use.baseURL;
  mkdirSync(AUTH_DIR, { recursive: true });
  for (const [role, account] of Object.entries(ACCOUNTS) as [AccountRole, (typeof ACCOUNTS)[AccountRole]][]) {
    const context = await request.newContext({ baseURL });
    const response = await context.post("/api/auth/login", {
      data: { email: account.email, password: account.password },
    });
    if (!response.ok()) {
      throw new Error(`demo ${role} login failed: ${response.status()} ${await response.text()}`);
    }
    await context.storageState({ path: STORAGE_STATES[role] });
    await context.dispose();
  }
}
