import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../test/testApp";
import { REPO_ROOT } from "../config";

const taxonomyFile = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "seed/00-taxonomy.json"), "utf8"));
const PRACTICES = 6_000;

/** A file of practices without ids, as a network's base often comes. */
function writeFile(file: string): void {
  const practices = Array.from({ length: PRACTICES }, (_, number) => ({
    language: "en",
    title: `Interrupted import case ${number}`,
    situation: `A reader brings question ${number} to the desk, and the answer takes a few steps.`,
    situationType: "complaint",
    channels: ["phone"],
    response: ["Listen to the whole question.", `Look up case ${number} in the catalogue.`],
  }));
  fs.writeFileSync(file, JSON.stringify({ ...taxonomyFile, format: "practice-kb/v2", practices }));
}

function waitForExit(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once("exit", (code) => resolve(code)));
}

describe("kb import interrupted midway (issue 17 point 9, issue 18 'Done when')", () => {
  let t: TestApp;
  let folder: string;
  beforeAll(async () => {
    t = await createTestApp();
    folder = fs.mkdtempSync(path.join(os.tmpdir(), "pkb-interrupted-"));
  });
  afterAll(async () => {
    fs.rmSync(folder, { recursive: true, force: true });
    await t.close();
  });

  const storedCount = async () => {
    await t.app.kb.es.indices.refresh({ index: t.app.kb.names.practices });
    return (await t.app.kb.es.count({ index: t.app.kb.names.practices })).count;
  };
  const runImport = (file: string) => {
    const child = spawn(path.join(REPO_ROOT, "node_modules/.bin/tsx"), ["src/cli/kb.ts", "import", file, "--no-wait"], {
      cwd: path.join(REPO_ROOT, "server"),
      env: { ...process.env, INDEX_PREFIX: t.prefix, EMBEDDINGS: "off" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    return { child, output: () => output };
  };

  it("a re-import after a killed import completes it with no duplicates", async () => {
    const file = path.join(folder, "network.json");
    writeFile(file);
    const first = runImport(file);
    const exited = waitForExit(first.child);
    // Killed as soon as some practices are written, before all are.
    let running = true;
    void exited.then(() => {
      running = false;
    });
    while (running && (await storedCount()) === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    first.child.kill("SIGKILL");
    await exited;
    const partial = await storedCount();
    expect(partial, first.output()).toBeGreaterThan(0);
    expect(partial).toBeLessThan(PRACTICES);

    const second = runImport(file);
    expect(await waitForExit(second.child), second.output()).toBe(0);
    const summary = /(\d+) created, (\d+) updated, (\d+) unchanged/.exec(second.output());
    expect(summary, second.output()).not.toBeNull();
    const [created, updated, unchanged] = (summary as RegExpExecArray).slice(1).map(Number) as [number, number, number];
    expect(created + updated + unchanged).toBe(PRACTICES);
    expect(unchanged).toBeGreaterThan(0);
    expect(await storedCount()).toBe(PRACTICES);
  }, 180_000);
});
