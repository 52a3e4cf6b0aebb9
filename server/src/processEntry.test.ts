import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "./config";

const SERVER_DIR = path.join(REPO_ROOT, "server");

/** Starts the real process entry (`tsx src/server.ts`) and collects what it writes. */
function startEntry(env: Record<string, string>): {
  child: ChildProcess;
  lines: () => string[];
  exited: Promise<number | null>;
} {
  const output: string[] = [];
  const child = spawn(process.execPath, [path.join(REPO_ROOT, "node_modules/tsx/dist/cli.mjs"), "src/server.ts"], {
    cwd: SERVER_DIR,
    // a pipe, not a terminal: what a service manager or a container sees
    env: { ...process.env, NODE_ENV: "production", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  for (const stream of [child.stdout, child.stderr]) stream?.on("data", (chunk) => output.push(String(chunk)));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, lines: () => output.join("").split("\n").filter(Boolean), exited };
}

async function waitFor(check: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Each line is one pino JSON record (level, time, msg). */
const parsed = (lines: string[]) => lines.map((line) => JSON.parse(line) as { level: number; msg: string });

describe("the process entry speaks one log format and stops cleanly", () => {
  const prefix = `test-${randomBytes(4).toString("hex")}-`;
  const started: ChildProcess[] = [];
  afterAll(async () => {
    for (const child of started) if (child.exitCode === null) child.kill("SIGKILL");
    // the indices the entry created (no wildcard deletes on this node: list them first)
    const url = process.env.ELASTICSEARCH_URL;
    const listed = await fetch(`${url}/_cat/indices/${prefix}*?h=index&expand_wildcards=all`);
    for (const index of (await listed.text()).split("\n").filter(Boolean)) {
      await fetch(`${url}/${index.trim()}`, { method: "DELETE" });
    }
  });

  it("logs start-up, engine and request lines as pino JSON, and exits 0 on SIGTERM", async () => {
    const entry = startEntry({
      PORT: String(20_000 + Math.floor(Math.random() * 20_000)),
      INDEX_PREFIX: prefix,
      ELASTICSEARCH_URL: process.env.ELASTICSEARCH_URL ?? "",
      EMBEDDINGS: "off",
      SEED_ON_EMPTY: "false",
      LOG_LEVEL: "info",
    });
    started.push(entry.child);
    await waitFor(() => entry.lines().some((line) => line.includes("Practice KB is ready at")), 60_000);
    entry.child.kill("SIGTERM");
    expect(await entry.exited).toBe(0);
    const records = parsed(entry.lines());
    expect(records.map((record) => record.msg)).toEqual(expect.arrayContaining(["SIGTERM: stopping"]));
    expect(records.every((record) => typeof record.level === "number" && typeof record.msg === "string")).toBe(true);
  }, 90_000);

  it("says what is wrong with the configuration in the same format, and exits 1", async () => {
    const entry = startEntry({ PORT: "not-a-port", ELASTICSEARCH_URL: process.env.ELASTICSEARCH_URL ?? "" });
    started.push(entry.child);
    expect(await entry.exited).toBe(1);
    const [record] = parsed(entry.lines());
    expect(record).toMatchObject({ level: 60 });
    expect(record?.msg).toMatch(/PORT/);
  }, 60_000);
});
