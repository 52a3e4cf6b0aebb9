import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  engineTestNode,
  nodeAnswers,
  recordingLog,
  serverPid,
  startEngineUser,
  waitForExit,
} from "../../test/localEngine";
import { createUser } from "../accounts/users";
import { buildServer } from "../buildServer";
import { loadConfig, REPO_ROOT } from "../config";
import { nodePaths } from "./elasticsearchInstall";
import { type LocalElasticsearch, startLocalElasticsearch } from "./localElasticsearch";
import { groupAlive, portInUse, readPidFile } from "./processes";

// Real processes on a node of this file's own (port >= 9600), started once: the test process and child
// processes hold and leave it in turn, then `kb import` runs beside an app serving searches.
const node = engineTestNode("engine-shared", Number(process.env.TEST_ENGINE_ES_PORT ?? 9650));
const log = recordingLog();

describe("one local Elasticsearch used by several processes", () => {
  let starter: LocalElasticsearch;
  let holder: LocalElasticsearch | undefined;
  let nodeGroup: number | undefined;
  beforeAll(async () => {
    starter = await startLocalElasticsearch(node.options(log));
    nodeGroup = readPidFile(nodePaths(starter.dataDir).pidFile)?.pid;
  }, 180_000);
  afterAll(async () => {
    await starter?.stop();
    await holder?.stop();
  }, 60_000);

  it("keeps the node running while any process holds it, whichever leaves first", async () => {
    expect(starter.reused).toBe(false);
    const before = await serverPid(node.url);

    // An adopter leaves first: the starter still holds the node.
    const adopter = await startEngineUser(node.env);
    expect(adopter.reused).toBe(true);
    await adopter.stop();
    expect(adopter.output()).toMatch(/left running: process\(es\) \d+ still use it/);
    expect(await nodeAnswers(node.url)).toBe(true);

    // The starter leaves first: the adopter still holds it.
    const second = await startEngineUser(node.env);
    await starter.stop();
    expect(log.lines.at(-1)).toMatch(/left running/);
    expect(await nodeAnswers(node.url)).toBe(true);

    // A user killed outright leaves a stale lease behind, which holds nothing.
    const killed = await startEngineUser(node.env);
    killed.child.kill("SIGKILL");
    await waitForExit(killed.child);

    // This process takes the node again; the last child leaves; the node still runs for us.
    holder = await startLocalElasticsearch(node.options(log));
    expect(holder.reused).toBe(true);
    await second.stop();
    expect(await nodeAnswers(node.url)).toBe(true);
    // The same node all along: nobody stopped or restarted it.
    expect(await serverPid(node.url)).toBe(before);
  }, 90_000);

  it("takes snapshots into its snapshots folder (an fs repository), the engine's own backup", async () => {
    const folder = nodePaths(starter.dataDir).snapshotsDir;
    const put = (url: string, body: unknown) =>
      fetch(`${starter.url}${url}`, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const repository = await put("/_snapshot/test-backups", { type: "fs", settings: { location: folder } });
    expect(repository.status, await repository.text()).toBe(200);
    // The node's folders outlive a run (.local/data): a name of this run's own, removed again at the end.
    const name = `first-${randomBytes(4).toString("hex")}`;
    const snapshot = await put(`/_snapshot/test-backups/${name}?wait_for_completion=true`, {
      include_global_state: false,
    });
    expect(snapshot.status, await snapshot.clone().text()).toBe(200);
    expect(((await snapshot.json()) as { snapshot: { state: string } }).snapshot.state).toBe("SUCCESS");
    expect(fs.readdirSync(folder).length).toBeGreaterThan(0);
    const removed = await fetch(`${starter.url}/_snapshot/test-backups/${name}`, { method: "DELETE" });
    expect(removed.status).toBe(200);
  });

  it("keeps answering the app's searches while `kb import` runs and ends", async () => {
    const prefix = `test-${randomBytes(4).toString("hex")}-`;
    const config = loadConfig({
      ...node.env,
      ELASTICSEARCH_URL: node.url,
      INDEX_PREFIX: prefix,
      SEED_ON_EMPTY: "true",
      CLIENT_DIST: "/nonexistent",
      DEMO_ACCOUNTS: "false",
      ADMIN_EMAIL: "",
      ADMIN_PASSWORD: "",
    });
    const app: FastifyInstance = await buildServer(config, node.url);
    try {
      await app.ready();
      await createUser(app.kb, { email: "desk@test.local", name: "Desk", role: "staff", password: "desk-password" });
      const login = await app.inject({
        method: "POST",
        url: "/api/auth/login",
        payload: { email: "desk@test.local", password: "desk-password" },
      });
      const session = login.cookies.find((cookie) => cookie.name === "pkb_session");
      const search = async (q: string) => {
        const response = await app.inject({
          url: `/api/search?q=${encodeURIComponent(q)}`,
          cookies: { pkb_session: session?.value ?? "" },
        });
        return { status: response.statusCode, ids: (response.json().hits ?? []).map((hit: { id: string }) => hit.id) };
      };
      expect((await search("fines disputed")).ids).toContain("en-fine-dispute-at-desk");

      // A file of new practices: the English seed under other ids.
      const seed = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "seed/40-en.json"), "utf8"));
      // (copies, not translations: out of the seed's translation groups, or search would show one card per group)
      for (const practice of seed.practices) {
        practice.id = `${practice.id}-imported`;
        delete practice.translationGroup;
      }
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pkb-import-")), "practices.json");
      fs.writeFileSync(file, JSON.stringify(seed));

      // The searches run all the time the command does, and a while after it ended.
      let importDone = false;
      const statuses: number[] = [];
      const searching = (async () => {
        let after = 0;
        while (after < 10) {
          statuses.push((await search("fines disputed")).status);
          if (importDone) after++;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      })();
      const kb = spawn(path.join(REPO_ROOT, "node_modules/.bin/tsx"), ["src/cli/kb.ts", "import", file, "--no-wait"], {
        cwd: path.join(REPO_ROOT, "server"),
        env: { ...node.env, INDEX_PREFIX: prefix },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let output = "";
      kb.stdout?.on("data", (chunk: Buffer) => {
        output += chunk.toString();
      });
      kb.stderr?.on("data", (chunk: Buffer) => {
        output += chunk.toString();
      });
      const code = await waitForExit(kb);
      importDone = true;
      await searching;
      fs.rmSync(path.dirname(file), { recursive: true, force: true });

      expect(code, output).toBe(0);
      expect(output).toMatch(/reusing Elasticsearch already running/);
      expect(output).toMatch(/Imported .*: 22 created/);
      expect(output).toMatch(/left running: process\(es\) \d+ still use it/);
      expect(statuses.length).toBeGreaterThan(10);
      expect(statuses.every((status) => status === 200)).toBe(true);
      expect((await search("fines disputed")).ids).toContain("en-fine-dispute-at-desk-imported");
    } finally {
      const indices = Object.keys(await app.kb.es.indices.get({ index: `${prefix}*` }));
      if (indices.length > 0) await app.kb.es.indices.delete({ index: indices });
      await app.close();
    }
  }, 90_000);

  it("is stopped by the last process to leave, stale leases of killed users notwithstanding", async () => {
    await holder?.stop();
    holder = undefined;
    expect(log.lines.at(-1)).toBe("Elasticsearch stopped");
    expect(await portInUse(node.port)).toBe(false);
    expect(fs.existsSync(nodePaths(starter.dataDir).pidFile)).toBe(false);
    expect(nodeGroup !== undefined && groupAlive(nodeGroup)).toBe(false);
    expect(fs.readdirSync(nodePaths(starter.dataDir).leasesDir)).toEqual([]);
  }, 60_000);
});
