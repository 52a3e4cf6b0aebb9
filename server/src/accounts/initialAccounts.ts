import type { Role } from "@practice-kb/shared";
import type { KbContext } from "../context";
import { createUser, ensureAdministrator, findUserByEmail, hasActiveAdministrator } from "./users";

/** The demo accounts of the local quick start (DEMO_ACCOUNTS=true); documented, so never for a real installation. */
export const DEMO_ACCOUNTS: readonly { email: string; password: string; name: string; role: Role }[] = [
  { email: "staff@demo.local", password: "staff-demo", name: "Demo Staff", role: "staff" },
  { email: "curator@demo.local", password: "curator-demo", name: "Demo Curator", role: "curator" },
  { email: "admin@demo.local", password: "admin-demo", name: "Demo Administrator", role: "administrator" },
];

type Log = { info(message: string): void; warn(message: string): void };

/** At start: the first administrator from ADMIN_EMAIL/ADMIN_PASSWORD when none exists, and the demo accounts when asked. */
export async function ensureInitialAccounts(
  ctx: KbContext,
  options: { adminEmail?: string; adminPassword?: string; demoAccounts: boolean },
  log: Log,
): Promise<void> {
  if (options.adminEmail && options.adminPassword && !(await hasActiveAdministrator(ctx))) {
    const { created } = await ensureAdministrator(ctx, options.adminEmail, options.adminPassword);
    log.info(`administrator ${options.adminEmail} ${created ? "created" : "made administrator"} from ADMIN_EMAIL`);
  }
  if (options.demoAccounts) {
    for (const account of DEMO_ACCOUNTS) {
      // An existing demo account keeps whatever its users changed (its password included).
      if (await findUserByEmail(ctx, account.email)) continue;
      await createUser(ctx, account);
      log.info(`demo account ${account.email} created`);
    }
  }
  if (!(await hasActiveAdministrator(ctx))) {
    log.warn(
      "no administrator exists: set ADMIN_EMAIL and ADMIN_PASSWORD, or run `npm run kb -- create-admin <email>`",
    );
  }
}
