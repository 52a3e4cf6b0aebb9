import { randomBytes } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engineTestNode, recordingLog, serverPid } from "../../test/localEngine";
import { createToken } from "../accounts/tokens";
import { createUser } from "../accounts/users";
import { buildServer } from "../buildServer";
import { loadConfig } from "../config";
import { type ProvidedElasticsearch, provideElasticsearch } from "./provideElasticsearch";

// The app's own supervised node (port >= 9600), killed and frozen under load. The watchdog checks
// twice a second and gives a silent node 4 s here (30 s by default).
const node = engineTestNode("engine-healing", Number(process.env.TEST_ENGINE_HEALING_ES_PORT ?? 9660));
const log = recordingLog();
const RECOVERY_BUDGET_MS = 60_000;

const TAXONOMY = {
  format: "practice-kb/v1",
  situationTypes: [{ id: "complaint", labels: { en: "Complaint" } }],
  channels: [{ id: "phone", labels: { en: "Phone" } }],
  practices: [],
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("the app's local Elasticsearch comes back by itself", () => {
  let elasticsearch: ProvidedElasticsearch;
  let app: FastifyInstance;
  let headers: Record<string, string>;
  const prefix = `test-${randomBytes(4).toString("hex")}-`;

  beforeAll(async () => {
    const config = loadConfig({
      ...node.env,
      INDEX_PREFIX: prefix,
      SEED_ON_EMPTY: "false",
      CLIENT_DIST: "/nonexistent",
      DEMO_ACCOUNTS: "false",
      ADMIN_EMAIL: "",
      ADMIN_PASSWORD: "",
    });
    elasticsearch = await provideElasticsearch(config, log, {
      supervise: { checkEveryMs: 500, unresponsiveAfterMs: 4000, firstBackoffMs: 500 },
    });
    app = await buildServer(config, elasticsearch.url, { engineStatus: elasticsearch.status });
    await app.ready();
    const creator = await createUser(app.kb, {
      email: "healing-test@test.local",
      name: "Healing test",
      role: "curator",
      password: "healing-test-password",
    });
    const { secret } = await createToken(app.kb, { name: "healing test", role: "curator" }, creator);
    headers = { authorization: `Bearer ${secret}` };
    const taxonomy = await app.inject({ method: "POST", url: "/api/import", headers, payload: TAXONOMY });
    expect(taxonomy.statusCode).toBe(200);
  }, 180_000);

  afterAll(async () => {
    if (app) {
      const indices = Object.keys(await app.kb.es.indices.get({ index: `${prefix}*` }).catch(() => ({})));
      if (indices.length > 0) await app.kb.es.indices.delete({ index: indices });
      await app.close();
    }
    await elasticsearch?.stop();
  }, 60_000);

  const search = async () =>
    (await app.inject({ url: "/api/search?q=reservation", headers }).catch(() => ({ statusCode: 0 }))).statusCode;
  const health = async () => (await app.inject({ url: "/api/health" })).json();

  /** Searches every 100 ms until stopped; each answer with the time it was asked. */
  function keepSearching() {
    const answers: Array<{ at: number; status: number }> = [];
    let running = true;
    const done = (async () => {
      while (running) {
        const at = Date.now();
        answers.push({ at, status: await search() });
        await sleep(100);
      }
    })();
    return {
      answers,
      async stop() {
        running = false;
        await done;
      },
    };
  }

  /** Waits until searches asked after `since` failed and then answered 200 again; the time from `since` to that answer. */
  async function recoveryTime(answers: Array<{ at: number; status: number }>, since: number): Promise<number> {
    while (Date.now() - since < RECOVERY_BUDGET_MS + 5000) {
      const failed = answers.findIndex((answer) => answer.at > since && answer.status !== 200);
      const back = failed >= 0 ? answers.slice(failed).find((answer) => answer.status === 200) : undefined;
      if (back) return back.at - since;
      await sleep(200);
    }
    throw new Error(`search did not come back within ${RECOVERY_BUDGET_MS / 1000} s:\n${log.lines.join("\n")}`);
  }

  it("restarts a node killed with SIGKILL during writes and searches; every acknowledged write is kept", async () => {
    expect((await health()).engine).toEqual({ state: "running", restarts: 0 });
    const acknowledged: string[] = [];
    let writing = true;
    const writer = (async () => {
      for (let i = 0; writing; i++) {
        const response = await app.inject({
          method: "POST",
          url: "/api/practices",
          headers,
          payload: {
            language: "en",
            title: `Reader upset about reservation ${i}`,
            situation: `A reader calls about reservation number ${i}, which went to someone else.`,
            situationType: "complaint",
            channels: ["phone"],
            response: ["Let them finish.", "Check the record while they are on the line."],
          },
        });
        if (response.statusCode === 201) acknowledged.push(response.json().id);
        else await sleep(100);
      }
    })();
    const searching = keepSearching();
    while (acknowledged.length < 5) await sleep(50);

    const killedAt = Date.now();
    process.kill(await serverPid(elasticsearch.url), "SIGKILL");
    const healthStates = new Set<string>();
    const watchingHealth = (async () => {
      while (Date.now() - killedAt < RECOVERY_BUDGET_MS) {
        const body = await health();
        healthStates.add(`${body.status}/${body.engine.state}`);
        if (body.engine.restarts > 0 && body.status === "ok") return;
        await sleep(250);
      }
    })();
    const tookMs = await recoveryTime(searching.answers, killedAt);
    await watchingHealth;
    const countAfter = acknowledged.length;
    while (acknowledged.length < countAfter + 3) await sleep(50);
    writing = false;
    await writer;
    await searching.stop();

    expect(tookMs).toBeLessThan(RECOVERY_BUDGET_MS);
    expect(log.lines.join("\n")).toMatch(/stopped unexpectedly; starting it again/);
    expect(healthStates).toContain("down/restarting");
    expect(await health()).toMatchObject({ status: "ok", engine: { state: "running", restarts: 1 } });
    for (const id of acknowledged) {
      const stored = await app.inject({ url: `/api/practices/${id}`, headers });
      expect(stored.statusCode, `acknowledged practice ${id}`).toBe(200);
    }
    // Writes are fsynced before they are acknowledged (the default this project keeps).
    const settings = await app.kb.es.indices.getSettings({
      index: app.kb.names.practices,
      include_defaults: true,
      flat_settings: true,
    });
    const index = Object.values(settings)[0];
    const durability = index?.settings?.["index.translog.durability"] ?? index?.defaults?.["index.translog.durability"];
    expect(String(durability).toLowerCase()).toBe("request");
    console.info(
      `engine test: search back ${(tookMs / 1000).toFixed(1)} s after SIGKILL; ${acknowledged.length} acknowledged writes kept`,
    );
  }, 120_000);

  it("kills and restarts a node that stops answering (SIGSTOP)", async () => {
    const searching = keepSearching();
    const frozenAt = Date.now();
    process.kill(await serverPid(elasticsearch.url), "SIGSTOP");
    const tookMs = await recoveryTime(searching.answers, frozenAt);
    await searching.stop();
    expect(tookMs).toBeLessThan(RECOVERY_BUDGET_MS);
    expect(log.lines.join("\n")).toMatch(/has not answered for \d+ s; restarting it/);
    // The watchdog counts the restart once the node's start-up wait is over: after searches came back, and
    // on a loaded machine with many test indices to recover, up to tens of seconds later (one CI run: > 10 s).
    const deadline = Date.now() + 45_000;
    while ((await health()).engine.restarts < 2 && Date.now() < deadline) await sleep(200);
    expect(await health()).toMatchObject({ status: "ok", engine: { state: "running", restarts: 2 } });
    console.info(`engine test: search back ${(tookMs / 1000).toFixed(1)} s after SIGSTOP`);
  }, 120_000);
});
