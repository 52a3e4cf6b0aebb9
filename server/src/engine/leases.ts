// Sharing one local service between the processes that use it (the app, `kb` commands, benchmarks, test
// runs): a lock file serialises the decisions to start, adopt or stop it, and every user holds a lease
// file while it uses it, so nobody stops it under another's feet and the last user to leave stops it.
// A holder is a pid plus its start time; files of processes that died (SIGKILL, power loss) are ignored.
// Only Node built-ins, like the rest of engine/.

import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { LocalEngineError } from "./engineError";
import { type ProcessLog, pidAlive, processStartTime, sleep } from "./processes";

/** A process that holds a lock or a lease. */
export interface Holder {
  pid: number;
  /** processStartTime of pid when the file was written (absent where /proc is missing). */
  startTime?: string;
}

/** The lock and lease files of one service, derived from its data folder or pid file. */
export interface ShareFiles {
  lockFile: string;
  leasesDir: string;
}

/** A lease this process holds on a service. */
export interface Lease {
  file: string;
  /** Removes the lease file (idempotent). */
  release(): void;
}

// Starting Elasticsearch may include a first download (minutes); a live holder is waited for this long.
const LOCK_WAIT_MS = 15 * 60_000;
// A lock file that stays unreadable this long was left half-written by a process that died.
const GARBLED_LOCK_MS = 10_000;

function thisProcess(): Holder {
  return { pid: process.pid, startTime: processStartTime(process.pid) };
}

/** True while the holder's process runs (and its pid was not recycled by another program). */
export function holderAlive(holder: Holder): boolean {
  if (!pidAlive(holder.pid)) return false;
  if (holder.startTime === undefined) return true;
  const now = processStartTime(holder.pid);
  return now === undefined || now === holder.startTime;
}

function readHolder(file: string): Holder | undefined {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, "utf8")) as Partial<Holder>;
    if (typeof parsed.pid !== "number" || !Number.isInteger(parsed.pid) || parsed.pid <= 0) return undefined;
    return { pid: parsed.pid, startTime: typeof parsed.startTime === "string" ? parsed.startTime : undefined };
  } catch {
    return undefined;
  }
}

function ageMs(file: string): number {
  try {
    return Date.now() - fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

async function acquireLockFile(lockFile: string, log: ProcessLog, what: string): Promise<string> {
  fs.mkdirSync(path.dirname(lockFile), { recursive: true });
  const mine = JSON.stringify({ ...thisProcess(), token: randomBytes(6).toString("hex") });
  const deadline = Date.now() + LOCK_WAIT_MS;
  let announcedPid: number | undefined;
  while (true) {
    try {
      fs.writeFileSync(lockFile, mine, { flag: "wx" });
      return mine;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const holder = readHolder(lockFile);
    const stale = holder ? !holderAlive(holder) : ageMs(lockFile) > GARBLED_LOCK_MS;
    if (stale) {
      fs.rmSync(lockFile, { force: true });
      continue;
    }
    if (holder && holder.pid !== announcedPid) {
      log.info(`waiting for process ${holder.pid}, which is ${what}`);
      announcedPid = holder.pid;
    }
    if (Date.now() > deadline) {
      throw new LocalEngineError(
        `Gave up waiting for process ${holder?.pid ?? "?"} (${what}; lock ${lockFile}) after ${LOCK_WAIT_MS / 60_000} minutes.`,
      );
    }
    // jitter, so two waiters do not retry in lockstep
    await sleep(150 + Math.random() * 100);
  }
}

// A pid-based lock cannot tell two callers inside one process apart, so they queue here first.
const queues = new Map<string, Promise<void>>();

/** Runs fn while holding the lock file; waits while a live process holds it and takes over the lock of a dead one. */
export async function withLock<T>(lockFile: string, log: ProcessLog, what: string, fn: () => Promise<T>): Promise<T> {
  const before = queues.get(lockFile) ?? Promise.resolve();
  let done = () => {};
  const finished = new Promise<void>((resolve) => {
    done = resolve;
  });
  const turn = before.then(() => finished);
  queues.set(lockFile, turn);
  await before;
  try {
    const mine = await acquireLockFile(lockFile, log, what);
    try {
      return await fn();
    } finally {
      // only our own lock: a holder declared dead by a waiter must not remove the new owner's
      try {
        if (fs.readFileSync(lockFile, "utf8") === mine) fs.rmSync(lockFile, { force: true });
      } catch {
        // already gone
      }
    }
  } finally {
    done();
    if (queues.get(lockFile) === turn) queues.delete(lockFile);
  }
}

/** Writes a lease file for this process (one per use, so one process may hold several). */
export function takeLease(leasesDir: string, details: Record<string, unknown> = {}): Lease {
  fs.mkdirSync(leasesDir, { recursive: true });
  const file = path.join(leasesDir, `${process.pid}-${randomBytes(4).toString("hex")}.json`);
  // written aside and renamed, so a reader never sees a half-written lease
  const partial = `${file}.partial`;
  fs.writeFileSync(partial, `${JSON.stringify({ ...thisProcess(), since: new Date().toISOString(), ...details })}\n`);
  fs.renameSync(partial, file);
  return {
    file,
    release: () => fs.rmSync(file, { force: true }),
  };
}

/** The live holders of leases other than `except`; lease files of dead processes are removed on the way. */
export function otherLiveLeases(leasesDir: string, except?: Lease): Holder[] {
  let names: string[];
  try {
    names = fs.readdirSync(leasesDir);
  } catch {
    return [];
  }
  const live: Holder[] = [];
  for (const name of names) {
    const file = path.join(leasesDir, name);
    if (file === except?.file || !name.endsWith(".json")) continue;
    const holder = readHolder(file);
    if (holder && holderAlive(holder)) live.push(holder);
    else fs.rmSync(file, { force: true });
  }
  return live;
}

/** Gives up a lease under the lock; stops the service only when no other live process holds a lease on it. */
export function leaveShared(
  o: { files: ShareFiles; lease: Lease; log: ProcessLog; what: string; name: string },
  stopService: () => Promise<void>,
): Promise<void> {
  return withLock(o.files.lockFile, o.log, o.what, async () => {
    o.lease.release();
    const others = otherLiveLeases(o.files.leasesDir);
    if (others.length === 0) return stopService();
    const pids = [...new Set(others.map((holder) => holder.pid))].join(", ");
    o.log.info(`${o.name} left running: process(es) ${pids} still use it`);
  });
}
