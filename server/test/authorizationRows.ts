/**
 * The rows of the authorization matrix (server/src/routes/api/authorization.test.ts): every route with its
 * policy, the status of success, and how to build a request for a caller. The test fills `env` before use.
 */
import type { PracticeStatus, Role } from "@practice-kb/shared";
import { drillSetInputSchema } from "@practice-kb/shared/drills";
import type { InjectOptions } from "fastify";
import { createToken } from "../src/accounts/tokens";
import { createUser } from "../src/accounts/users";
import { createDrillSet } from "../src/drills/sets";
import { importInterchangeFile } from "../src/interchange/importFile";
import { linkTranslation } from "../src/practices/translations";
import type { TestApp } from "./testApp";

/** What the rows' requests need from the running test: the app, the callers and two shared fixtures. */
export const env = {
  t: undefined as unknown as TestApp,
  callers: {} as Record<Principal, Caller>,
  sharedApproved: "",
  loginTarget: { email: "", password: "" },
};

export const PRINCIPALS = ["anonymous", "staff", "curator", "administrator", "deactivated", "expired"] as const;
export type Principal = (typeof PRINCIPALS)[number];

/** What a row's request builder gets: who calls, and a way to get a fresh session of the same role. */
export interface Caller {
  principal: Principal;
  role: Role | null;
  userId: string;
  headers: Record<string, string>;
  /** A new account of the same role, logged in (for cells that end or change their own session). */
  fresh(): Promise<{ headers: Record<string, string>; userId: string; password: string }>;
}

export interface Row {
  route: string;
  access: "public" | Role;
  success: number;
  /** Cells whose status differs from what the access policy alone gives (rules inside the handler). */
  expect?: Partial<Record<Principal, number>>;
  build(caller: Caller): Promise<InjectOptions & { headers?: Record<string, string> }>;
}

const TAXONOMY = {
  situationTypes: [{ id: "complaint", labels: { en: "Complaint" } }],
  channels: [
    { id: "phone", labels: { en: "Phone" } },
    { id: "email", labels: { en: "Email" } },
  ],
};

const content = (title: string) => ({
  language: "en",
  title,
  situation: "A reader calls about a reserved book that went to someone else.",
  situationType: "complaint",
  channels: ["phone"],
  response: ["Let them finish.", "Check the record while they wait."],
});

let _t: TestApp;
const _callers = {} as Record<Principal, Caller>;
let sequence = 0;
const unique = (label: string) => `${label}-${++sequence}-${Math.random().toString(36).slice(2, 8)}`;

/** A practice in the given state, written straight to the store; `author` owns it. */
export async function practice(status: PracticeStatus, author = "someone-else"): Promise<string> {
  const id = unique(`matrix-${status.replace("_", "-")}`);
  await importInterchangeFile(
    env.t.app.kb,
    { format: "practice-kb/v1", ...TAXONOMY, practices: [{ id, status, ...content(`Matrix practice ${id}`) }] },
    { role: "administrator", author },
  );
  return id;
}

/** A drill set, written straight to the store (for the cells that change or delete one). */
async function drillSet(): Promise<string> {
  const set = await createDrillSet(env.t.app.kb, drillSetInputSchema.parse({ name: unique("set") }), {
    id: "lead",
    name: "Lead",
    role: "curator",
  });
  return set.id;
}

/** Two approved practices, in English and Polish, linked as translations when `linked`; the Polish one's id. */
async function translationPair(linked: boolean): Promise<{ en: string; pl: string }> {
  const [en, pl] = [unique("matrix-en"), unique("matrix-pl")];
  const group = linked ? { translationGroup: unique("matrix-group") } : {};
  await importInterchangeFile(
    env.t.app.kb,
    {
      format: "practice-kb/v2",
      ...TAXONOMY,
      practices: [
        { id: en, status: "approved", ...group, ...content(`Matrix practice ${en}`) },
        { id: pl, status: "approved", ...group, ...content(`Matrix practice ${pl}`), language: "pl" },
      ],
    },
    { role: "administrator", author: "someone-else" },
  );
  return { en, pl };
}

// Cells of anonymous, deactivated and expired callers are refused before any handler runs,
// so they need no fixture: a placeholder id still matches the route.
const hasRole = (caller: Caller) => caller.role !== null;
const orPlaceholder = async (caller: Caller, make: () => Promise<string>) => (hasRole(caller) ? make() : "placeholder");

export const ROWS: Row[] = [
  { route: "GET /api/health", access: "public", success: 200, build: async () => ({ url: "/api/health" }) },
  { route: "GET /api/openapi.json", access: "public", success: 200, build: async () => ({ url: "/api/openapi.json" }) },
  { route: "GET /api/docs", access: "public", success: 200, build: async () => ({ url: "/api/docs/" }) },
  {
    route: "POST /api/auth/login",
    access: "public",
    success: 200,
    build: async () => ({ method: "POST", url: "/api/auth/login", payload: env.loginTarget }),
  },
  { route: "GET /api/auth/session", access: "staff", success: 200, build: async () => ({ url: "/api/auth/session" }) },
  {
    route: "POST /api/auth/logout",
    access: "staff",
    success: 204,
    build: async (caller) => ({
      method: "POST",
      url: "/api/auth/logout",
      headers: hasRole(caller) ? (await caller.fresh()).headers : caller.headers,
    }),
  },
  {
    route: "PUT /api/auth/password",
    access: "staff",
    success: 200,
    build: async (caller) => {
      const fresh = hasRole(caller) ? await caller.fresh() : { headers: caller.headers, password: "whatever-1" };
      return {
        method: "PUT",
        url: "/api/auth/password",
        headers: fresh.headers,
        payload: { currentPassword: fresh.password, newPassword: "a-brand-new-password" },
      };
    },
  },
  { route: "GET /api/users", access: "administrator", success: 200, build: async () => ({ url: "/api/users" }) },
  {
    route: "POST /api/users",
    access: "administrator",
    success: 201,
    build: async () => ({
      method: "POST",
      url: "/api/users",
      payload: { email: `${unique("new")}@test.local`, name: "New Person", role: "staff", password: "long-enough" },
    }),
  },
  {
    route: "PATCH /api/users/:id",
    access: "administrator",
    success: 200,
    build: async (caller) => {
      const id = await orPlaceholder(caller, async () => {
        const email = `${unique("patch")}@test.local`;
        return (await createUser(env.t.app.kb, { email, name: "Patch Me", role: "staff", password: "long-enough" })).id;
      });
      return { method: "PATCH", url: `/api/users/${id}`, payload: { name: "Patched", role: "curator" } };
    },
  },
  {
    route: "POST /api/users/:id/password",
    access: "administrator",
    success: 204,
    build: async (caller) => {
      const id = await orPlaceholder(caller, async () => {
        const email = `${unique("reset")}@test.local`;
        return (await createUser(env.t.app.kb, { email, name: "Reset Me", role: "staff", password: "long-enough" })).id;
      });
      return { method: "POST", url: `/api/users/${id}/password`, payload: { password: "another-long-one" } };
    },
  },
  { route: "GET /api/tokens", access: "administrator", success: 200, build: async () => ({ url: "/api/tokens" }) },
  {
    route: "POST /api/tokens",
    access: "administrator",
    success: 201,
    build: async () => ({ method: "POST", url: "/api/tokens", payload: { name: "Integration", role: "staff" } }),
  },
  {
    route: "DELETE /api/tokens/:id",
    access: "administrator",
    success: 200,
    build: async (caller) => {
      const id = await orPlaceholder(
        caller,
        async () =>
          (await createToken(env.t.app.kb, { name: "Revoke me", role: "staff" }, { id: "test", name: "test" })).token
            .id,
      );
      return { method: "DELETE", url: `/api/tokens/${id}` };
    },
  },
  { route: "GET /api/backup", access: "administrator", success: 200, build: async () => ({ url: "/api/backup" }) },
  {
    // A real restore would replace the callers' accounts; a file that is no backup shows access was granted.
    route: "POST /api/restore",
    access: "administrator",
    success: 400,
    build: async (caller) => ({
      method: "POST",
      url: "/api/restore",
      headers: { ...caller.headers, "content-type": "application/x-ndjson" },
      payload: '{"format":"something-else"}\n',
    }),
  },
  { route: "GET /api/search", access: "staff", success: 200, build: async () => ({ url: "/api/search?q=book" }) },
  { route: "GET /api/taxonomy", access: "staff", success: 200, build: async () => ({ url: "/api/taxonomy" }) },
  {
    route: "GET /api/taxonomy/:kind/:id/usage",
    access: "staff",
    success: 200,
    build: async () => ({ url: "/api/taxonomy/channels/phone/usage" }),
  },
  {
    route: "POST /api/taxonomy/:kind",
    access: "curator",
    success: 201,
    build: async () => ({
      method: "POST",
      url: "/api/taxonomy/channels",
      payload: { id: unique("channel"), labels: { en: "New channel", uk: "Новий канал" } },
    }),
  },
  {
    route: "PUT /api/taxonomy/:kind/:id",
    access: "curator",
    success: 200,
    build: async () => ({
      method: "PUT",
      url: "/api/taxonomy/channels/email",
      payload: { labels: { en: "Email", pl: "E-mail" } },
    }),
  },
  {
    route: "DELETE /api/taxonomy/:kind/:id",
    access: "curator",
    success: 204,
    build: async (caller) => {
      const id = await orPlaceholder(caller, async () => {
        const entry = unique("unused");
        await env.t.app.inject({
          method: "POST",
          url: "/api/taxonomy/channels",
          headers: env.callers.curator.headers,
          payload: { id: entry, labels: { en: "Unused" } },
        });
        return entry;
      });
      return { method: "DELETE", url: `/api/taxonomy/channels/${id}` };
    },
  },
  {
    route: "POST /api/taxonomy/:kind/:id/merge",
    access: "curator",
    success: 200,
    build: async (caller) => {
      const id = await orPlaceholder(caller, async () => {
        const entry = unique("merge-me");
        await env.t.app.inject({
          method: "POST",
          url: "/api/taxonomy/channels",
          headers: env.callers.curator.headers,
          payload: { id: entry, labels: { en: "Merge me" } },
        });
        return entry;
      });
      return { method: "POST", url: `/api/taxonomy/channels/${id}/merge`, payload: { into: "email" } };
    },
  },
  { route: "GET /api/synonyms", access: "staff", success: 200, build: async () => ({ url: "/api/synonyms" }) },
  {
    route: "POST /api/synonyms",
    access: "curator",
    success: 201,
    build: async () => ({ method: "POST", url: "/api/synonyms", payload: { terms: [unique("fine"), "penalty"] } }),
  },
  {
    route: "PUT /api/synonyms/:id",
    access: "curator",
    success: 200,
    build: async (caller) => {
      const id = await orPlaceholder(caller, async () => {
        const created = await env.t.app.kb.es.index({
          index: env.t.app.kb.names.synonyms,
          document: { terms: ["a", "b"], updatedAt: new Date().toISOString() },
          refresh: "wait_for",
        });
        return created._id;
      });
      return { method: "PUT", url: `/api/synonyms/${id}`, payload: { terms: ["fine", "penalty", "fee"] } };
    },
  },
  {
    route: "DELETE /api/synonyms/:id",
    access: "curator",
    success: 204,
    build: async (caller) => {
      const id = await orPlaceholder(caller, async () => {
        const created = await env.t.app.kb.es.index({
          index: env.t.app.kb.names.synonyms,
          document: { terms: ["x", "y"], updatedAt: new Date().toISOString() },
          refresh: "wait_for",
        });
        return created._id;
      });
      return { method: "DELETE", url: `/api/synonyms/${id}` };
    },
  },
  {
    route: "POST /api/import",
    access: "curator",
    success: 200,
    build: async () => ({
      method: "POST",
      url: "/api/import",
      payload: {
        format: "practice-kb/v1",
        ...TAXONOMY,
        practices: [{ id: unique("imported"), status: "approved", ...content("Imported by the matrix") }],
      },
    }),
  },
  { route: "GET /api/export", access: "curator", success: 200, build: async () => ({ url: "/api/export" }) },
  {
    route: "GET /api/schema/practice-kb-v1.json",
    access: "staff",
    success: 200,
    build: async () => ({ url: "/api/schema/practice-kb-v1.json" }),
  },
  {
    route: "GET /api/schema/practice-kb-v2.json",
    access: "staff",
    success: 200,
    build: async () => ({ url: "/api/schema/practice-kb-v2.json" }),
  },
  {
    route: "GET /api/practices/:id (approved)",
    access: "staff",
    success: 200,
    build: async () => ({ url: `/api/practices/${env.sharedApproved}` }),
  },
  {
    route: "GET /api/practices/:id (someone else's draft)",
    access: "staff",
    success: 200,
    expect: { staff: 403 },
    build: async (caller) => ({ url: `/api/practices/${await orPlaceholder(caller, () => practice("draft"))}` }),
  },
  {
    route: "POST /api/practices",
    access: "staff",
    success: 201,
    build: async () => ({
      method: "POST",
      url: "/api/practices",
      payload: { ...content("A new proposal"), submit: true },
    }),
  },
  {
    route: "PUT /api/practices/:id (approved: proposes an edit)",
    access: "staff",
    success: 200,
    build: async (caller) => ({
      method: "PUT",
      url: `/api/practices/${await orPlaceholder(caller, () => practice("approved"))}`,
      payload: { ...content("An improved title"), baseRevision: 1 },
    }),
  },
  {
    route: "PUT /api/practices/:id (someone else's draft)",
    access: "staff",
    success: 200,
    expect: { staff: 403 },
    build: async (caller) => ({
      method: "PUT",
      url: `/api/practices/${await orPlaceholder(caller, () => practice("draft"))}`,
      payload: { ...content("Someone else's draft, edited"), baseRevision: 1 },
    }),
  },
  {
    route: "POST /api/practices/:id/submit (own draft)",
    access: "staff",
    success: 200,
    build: async (caller) => ({
      method: "POST",
      url: `/api/practices/${await orPlaceholder(caller, () => practice("draft", caller.userId))}/submit`,
      payload: { comment: "Please review" },
    }),
  },
  {
    route: "POST /api/practices/:id/submit (someone else's draft)",
    access: "staff",
    success: 200,
    expect: { staff: 403 },
    build: async (caller) => ({
      method: "POST",
      url: `/api/practices/${await orPlaceholder(caller, () => practice("draft"))}/submit`,
      payload: {},
    }),
  },
  ...(
    [
      ["approve", "in_review", {}],
      ["request-changes", "in_review", { comment: "Add what to say on the phone." }],
      ["reject", "in_review", { comment: "We have this one already." }],
      ["archive", "approved", {}],
      ["restore", "archived", {}],
      ["still-valid", "approved", {}],
    ] as const
  ).map(
    ([step, status, payload]): Row => ({
      route: `POST /api/practices/:id/${step}`,
      access: "curator",
      success: 200,
      build: async (caller) => ({
        method: "POST",
        url: `/api/practices/${await orPlaceholder(caller, () => practice(status))}/${step}`,
        payload,
      }),
    }),
  ),
  {
    route: "GET /api/practices/:id/history",
    access: "staff",
    success: 200,
    build: async () => ({ url: `/api/practices/${env.sharedApproved}/history` }),
  },
  {
    route: "GET /api/practices/:id/revisions/:number",
    access: "staff",
    success: 200,
    build: async () => ({ url: `/api/practices/${env.sharedApproved}/revisions/1` }),
  },
  {
    route: "GET /api/practices/:id/diff",
    access: "staff",
    success: 200,
    build: async () => ({ url: `/api/practices/${env.sharedApproved}/diff?from=1&to=1` }),
  },
  {
    route: "POST /api/practices/:id/feedback",
    access: "staff",
    success: 200,
    build: async () => ({
      method: "POST",
      url: `/api/practices/${env.sharedApproved}/feedback`,
      payload: { helpful: true },
    }),
  },
  {
    route: "GET /api/practices/:id/related",
    access: "staff",
    success: 200,
    build: async () => ({ url: `/api/practices/${env.sharedApproved}/related` }),
  },
  {
    route: "GET /api/practices/:id/translations",
    access: "staff",
    success: 200,
    build: async () => ({ url: `/api/practices/${env.sharedApproved}/translations` }),
  },
  {
    route: "PUT /api/practices/:id/translation",
    access: "curator",
    success: 200,
    build: async (caller) => {
      const pair = hasRole(caller) ? await translationPair(false) : { en: "placeholder", pl: "placeholder" };
      return { method: "PUT", url: `/api/practices/${pair.pl}/translation`, payload: { of: pair.en } };
    },
  },
  {
    route: "DELETE /api/practices/:id/translation",
    access: "curator",
    success: 200,
    build: async (caller) => {
      const id = hasRole(caller) ? (await translationPair(true)).pl : "placeholder";
      return { method: "DELETE", url: `/api/practices/${id}/translation` };
    },
  },
  {
    route: "POST /api/practices/:id/still-matches",
    access: "curator",
    success: 200,
    build: async (caller) => {
      let id = "placeholder";
      if (hasRole(caller)) {
        const pair = await translationPair(false);
        const lead = { id: "lead", name: "Lead", role: "curator" as const };
        await linkTranslation(env.t.app.kb, lead, pair.pl, pair.en);
        id = pair.pl;
      }
      return { method: "POST", url: `/api/practices/${id}/still-matches` };
    },
  },
  {
    route: "GET /api/review-queue",
    access: "curator",
    success: 200,
    build: async () => ({ url: "/api/review-queue" }),
  },
  { route: "GET /api/me/practices", access: "staff", success: 200, build: async () => ({ url: "/api/me/practices" }) },
  {
    route: "GET /api/insights/translations",
    access: "curator",
    success: 200,
    build: async () => ({ url: "/api/insights/translations" }),
  },
  {
    route: "GET /api/insights/searches",
    access: "curator",
    success: 200,
    build: async () => ({ url: "/api/insights/searches" }),
  },
  {
    route: "GET /api/insights/practices",
    access: "curator",
    success: 200,
    build: async () => ({ url: "/api/insights/practices?sort=used" }),
  },
  {
    route: "GET /api/insights/desk-log",
    access: "curator",
    success: 200,
    build: async () => ({ url: "/api/insights/desk-log" }),
  },
  {
    route: "GET /api/insights/unanswered",
    access: "curator",
    success: 200,
    build: async () => ({ url: "/api/insights/unanswered?from=2025-01-01" }),
  },
  {
    route: "GET /api/insights/practices/unopened",
    access: "curator",
    success: 200,
    build: async () => ({ url: "/api/insights/practices/unopened" }),
  },
  {
    route: "GET /api/insights/coverage",
    access: "curator",
    success: 200,
    build: async () => ({ url: "/api/insights/coverage?channel=phone" }),
  },
  {
    route: "POST /api/insights/outcomes",
    access: "staff",
    success: 204,
    build: async () => ({
      method: "POST",
      url: "/api/insights/outcomes",
      payload: { outcome: "used", practiceId: env.sharedApproved },
    }),
  },
  {
    route: "GET /api/insights/practices/:id/feedback",
    access: "curator",
    success: 200,
    build: async () => ({ url: `/api/insights/practices/${env.sharedApproved}/feedback` }),
  },
  { route: "GET /api/drills/sets", access: "staff", success: 200, build: async () => ({ url: "/api/drills/sets" }) },
  {
    route: "GET /api/drills/practices",
    access: "curator",
    success: 200,
    build: async () => ({ url: "/api/drills/practices?q=fine" }),
  },
  {
    route: "POST /api/drills/sets",
    access: "curator",
    success: 201,
    build: async () => ({ method: "POST", url: "/api/drills/sets", payload: { name: unique("set") } }),
  },
  {
    route: "PUT /api/drills/sets/:id",
    access: "curator",
    success: 200,
    build: async (caller) => ({
      method: "PUT",
      url: `/api/drills/sets/${await orPlaceholder(caller, drillSet)}`,
      payload: { name: unique("renamed") },
    }),
  },
  {
    route: "DELETE /api/drills/sets/:id",
    access: "curator",
    success: 204,
    build: async (caller) => ({ method: "DELETE", url: `/api/drills/sets/${await orPlaceholder(caller, drillSet)}` }),
  },
  {
    route: "GET /api/drills/sets/:id/items",
    access: "staff",
    success: 200,
    build: async () => ({ url: "/api/drills/sets/auto/items" }),
  },
  {
    route: "POST /api/drills/attempts",
    access: "staff",
    success: 201,
    build: async () => ({
      method: "POST",
      url: "/api/drills/attempts",
      payload: { practiceId: env.sharedApproved, rating: "partly" },
    }),
  },
  {
    route: "GET /api/drills/me/attempts",
    access: "staff",
    success: 200,
    build: async () => ({ url: "/api/drills/me/attempts" }),
  },
  {
    route: "GET /api/drills/sets/:id/results",
    access: "curator",
    success: 200,
    build: async () => ({ url: "/api/drills/sets/auto/results" }),
  },
  {
    route: "GET /api/no-such-route",
    access: "staff",
    success: 404,
    build: async () => ({ url: "/api/no-such-route" }),
  },
];
