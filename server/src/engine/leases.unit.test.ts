import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { otherLiveLeases, takeLease, withLock } from "./leases";
import { processStartTime } from "./processes";

const quiet = { info: () => {}, warn: () => {}, error: () => {} };
const folders: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pkb-leases-"));
  folders.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of folders.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** The pid of a process that has exited (so it is certainly not alive). */
function deadPid(): number {
  const result = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]);
  return Number(result.stdout.toString());
}

describe("leases", () => {
  it("counts the other live holders, and removes the leases of dead or recycled pids", () => {
    const dir = path.join(tempDir(), "es.leases");
    const mine = takeLease(dir);
    const another = takeLease(dir);
    fs.writeFileSync(path.join(dir, "1-dead.json"), JSON.stringify({ pid: deadPid() }));
    // our pid, but another start time: the pid was recycled, the holder is gone
    fs.writeFileSync(path.join(dir, "2-recycled.json"), JSON.stringify({ pid: process.pid, startTime: "1" }));
    fs.writeFileSync(path.join(dir, "3-garbled.json"), "{");

    expect(otherLiveLeases(dir, mine)).toEqual([{ pid: process.pid, startTime: processStartTime(process.pid) }]);
    expect(fs.readdirSync(dir).sort()).toEqual([path.basename(another.file), path.basename(mine.file)].sort());
    another.release();
    expect(otherLiveLeases(dir, mine)).toEqual([]);
    mine.release();
    mine.release();
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it("finds no holders in a folder that does not exist yet", () => {
    expect(otherLiveLeases(path.join(tempDir(), "missing"))).toEqual([]);
  });
});

describe("withLock", () => {
  it("runs callers of one process one after the other", async () => {
    const lock = path.join(tempDir(), "es.lock");
    const events: string[] = [];
    const task = (name: string) =>
      withLock(lock, quiet, "testing", async () => {
        events.push(`${name} in`);
        await new Promise((resolve) => setTimeout(resolve, 30));
        events.push(`${name} out`);
        return name;
      });
    expect(await Promise.all([task("a"), task("b"), task("c")])).toEqual(["a", "b", "c"]);
    expect(events).toEqual(["a in", "a out", "b in", "b out", "c in", "c out"]);
    expect(fs.existsSync(lock)).toBe(false);
  });

  it("takes over the lock of a process that died holding it, and releases it after a failure", async () => {
    const lock = path.join(tempDir(), "es.lock");
    fs.writeFileSync(lock, JSON.stringify({ pid: deadPid() }));
    await expect(
      withLock(lock, quiet, "testing", async () => {
        throw new Error("start failed");
      }),
    ).rejects.toThrow("start failed");
    expect(fs.existsSync(lock)).toBe(false);
    expect(await withLock(lock, quiet, "testing", async () => "next")).toBe("next");
  });

  it("waits while a live process holds the lock", async () => {
    const lock = path.join(tempDir(), "es.lock");
    const holder = { pid: process.ppid, startTime: processStartTime(process.ppid) };
    fs.writeFileSync(lock, JSON.stringify(holder));
    const messages: string[] = [];
    const log = { ...quiet, info: (message: string) => messages.push(message) };
    let entered = false;
    const waiting = withLock(lock, log, "starting Elasticsearch", async () => {
      entered = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(entered).toBe(false);
    expect(messages).toEqual([`waiting for process ${process.ppid}, which is starting Elasticsearch`]);
    fs.rmSync(lock);
    await waiting;
    expect(entered).toBe(true);
  });
});
