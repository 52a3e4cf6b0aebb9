/**
 * The authorization matrix: every route × anonymous, staff, curator, administrator, a deactivated
 * user and an expired session, each cell asserting the exact status. Role cells get fresh fixtures
 * so no cell depends on another.
 */
import { type Role, roleAtLeast } from "@practice-kb/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Caller,
  env,
  PRINCIPALS,
  type Principal,
  practice,
  ROWS,
  type Row,
} from "../../../test/authorizationRows";
import { createTestApp, type TestUser } from "../../../test/testApp";

function expectedStatus(row: Row, principal: Principal): number {
  const override = row.expect?.[principal];
  if (override !== undefined) return override;
  if (row.access === "public") return row.success;
  if (principal === "anonymous" || principal === "deactivated" || principal === "expired") return 401;
  return roleAtLeast(principal, row.access) ? row.success : 403;
}

describe("authorization matrix", () => {
  beforeAll(async () => {
    env.t = await createTestApp();
    const session = async (user: TestUser, principal: Principal, role: Role | null): Promise<Caller> => ({
      principal,
      role,
      userId: user.user.id,
      headers: user.headers,
      async fresh() {
        const other = await env.t.loginAs(role ?? "staff");
        return { headers: other.headers, userId: other.user.id, password: other.password };
      },
    });
    for (const role of ["staff", "curator", "administrator"] as const) {
      env.callers[role] = await session(await env.t.loginAs(role), role, role);
    }
    const deactivated = await env.t.loginAs("staff");
    await env.t.deactivate(deactivated);
    env.callers.deactivated = await session(deactivated, "deactivated", null);
    const expired = await env.t.loginAs("staff");
    await env.t.expireSession(expired);
    env.callers.expired = await session(expired, "expired", null);
    env.callers.anonymous = {
      principal: "anonymous",
      role: null,
      userId: "anonymous",
      headers: {},
      fresh: async () => ({ headers: {}, userId: "anonymous", password: "" }),
    };
    env.sharedApproved = await practice("approved");
    const target = await env.t.loginAs("staff");
    env.loginTarget = { email: target.user.email, password: target.password };
  });
  afterAll(async () => {
    await env.t?.close();
  });

  const cells = ROWS.flatMap((row) =>
    PRINCIPALS.map((principal) => ({ row, principal, status: expectedStatus(row, principal) })),
  );

  it.each(cells.map((cell) => [cell.row.route, cell.principal, cell.status, cell] as const))(
    "%s as %s → %i",
    async (_route, principal, status, cell) => {
      const caller = env.callers[principal];
      const { headers, ...options } = await cell.row.build(caller);
      const response = await env.t.app.inject({ ...options, headers: headers ?? caller.headers });
      expect(response.statusCode, response.body.slice(0, 300)).toBe(status);
      if (status === 401 && principal === "deactivated") expect(response.json().error).toBe("account_deactivated");
      if (status === 401 && principal === "expired") expect(response.json().error).toBe("session_expired");
      if (status === 401 && principal === "anonymous") expect(response.json().error).toBe("authentication_required");
    },
  );

  it("covers every API route, and each row states the route's own policy", () => {
    const rows = new Map(ROWS.map((row) => [row.route.split(" (")[0], row]));
    const missing = env.t.app.accessPolicies.filter(({ method, url }) => !rows.has(`${method} ${url}`));
    expect(missing).toEqual([]);
    for (const { method, url, access } of env.t.app.accessPolicies) {
      expect(rows.get(`${method} ${url}`)?.access, `${method} ${url}`).toBe(access);
    }
  });
});
