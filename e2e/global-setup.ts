import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type FullConfig, request } from "@playwright/test";

/** Where the logged-in browser state is kept for the tests (see `use.storageState`). */
export const STORAGE_STATE = path.join(path.dirname(fileURLToPath(import.meta.url)), ".auth", "staff.json");

/** Logs in once as the demo desk-staff account, so every test starts as someone at the desk would. */
export default async function globalSetup(config: FullConfig): Promise<void> {
  const baseURL = config.projects[0]?.use.baseURL;
  mkdirSync(path.dirname(STORAGE_STATE), { recursive: true });
  const context = await request.newContext({ baseURL });
  const response = await context.post("/api/auth/login", {
    data: { email: "staff@demo.local", password: "staff-demo" },
  });
  // A server without accounts has no login route: the tests then run anonymously.
  if (!response.ok() && response.status() !== 404) {
    throw new Error(`demo staff login failed: ${response.status()} ${await response.text()}`);
  }
  await context.storageState({ path: STORAGE_STATE });
  await context.dispose();
}
