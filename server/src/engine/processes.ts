// Process control shared by the local services (localElasticsearch.ts, localEmbeddings.ts): running
// helper commands, reading logs, and starting, recognising and stopping a detached process group.
// Only Node built-ins, like its callers: they must work before any npm dependency is installed.

import { type ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as path from "node:path";

/** The logger the services pass in. */
export interface ProcessLog {
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
}

/** How to stop one kind of service: its name for messages and how long it may shut down cleanly before SIGKILL. */
export interface GroupStop {
  name: string;
  graceMs: number;
  log: ProcessLog;
  /** Also send SIGCONT, so a frozen (SIGSTOPped) group receives the SIGTERM instead of waiting out the grace period. */
  resume?: boolean;
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion and captures its output; never throws, so callers can word their own errors. */
export function run(
  cmd: string,
  args: string[],
  o: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<RunResult> {
  return new Promise((resolve) => {
    let stdout = "";
    let stderr = "";
    let child: ChildProcess;
    try {
      child = spawn(cmd, args, { cwd: o.cwd, env: o.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
    } catch (e) {
      resolve({ code: -1, stdout, stderr: String(e) });
      return;
    }
    // a hung helper (java -version, pip) must not hang the start forever
    const timer = o.timeoutMs ? setTimeout(() => child.kill("SIGKILL"), o.timeoutMs) : undefined;
    child.stdout?.on("data", (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr?.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    child.on("error", (e) => {
      if (timer) clearTimeout(timer);
      resolve({ code: -1, stdout, stderr: stderr + String(e) });
    });
    child.on("close", (code) => {
      if (timer) clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Finds an executable on PATH, like `which`. */
export function which(cmd: string): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (!dir) continue;
    const p = path.join(dir, cmd);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      if (fs.statSync(p).isFile()) return p;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** Last n lines of a text, so error messages quote the end of a tool's output and not all of it. */
export function tailOf(text: string, n: number): string {
  return text.trimEnd().split("\n").slice(-n).join("\n");
}

/** Size of a file, 0 when it is missing: the offset from which a start's own log output begins. */
export function fileSize(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

/** Last n lines written to a file after byte offset `from`, so a failed start is not explained by an older run's log. */
export function lastLinesSince(file: string, from: number, n: number): string {
  try {
    const text = fs.readFileSync(file).subarray(from).toString("utf8").trimEnd();
    return text ? text.split("\n").slice(-n).join("\n") : "(nothing written during this start)";
  } catch {
    return "(no such file)";
  }
}

/** Resolves after ms milliseconds; the polling loops wait with it. */
export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Sends signal 0 (which delivers nothing) to check that the target exists. */
function reachable(target: number): boolean {
  try {
    process.kill(target, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to someone else
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** True while the process runs, also when it belongs to another user. */
export function pidAlive(pid: number): boolean {
  return reachable(pid);
}

/** When the process started (clock ticks since boot, from /proc), so a recycled pid is told apart; undefined without /proc. */
export function processStartTime(pid: number): string | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // the command name (field 2) may hold spaces and parentheses: count fields after its closing one
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return fields[19];
  } catch {
    return undefined;
  }
}

/** True while any process of the group is alive. */
export function groupAlive(pgid: number): boolean {
  // kill(-1) addresses every process, kill(0) our own group: never a service's group
  if (pgid <= 1) return false;
  return reachable(-pgid);
}

/** True if the pid file's process group still runs our program (its leader's command line names `command`), so a recycled pid is not mistaken for it. */
export function isOurLiveGroup(pgid: number, command: string): boolean {
  if (!groupAlive(pgid)) return false;
  let cmdline: string;
  try {
    cmdline = fs.readFileSync(`/proc/${pgid}/cmdline`, "utf8");
  } catch {
    // no /proc (macOS), or the leader (runuser/launcher) is gone while the server still runs in its
    // group; a pgid is not recycled while its group has members, so the group is still ours
    return true;
  }
  return cmdline.includes(command);
}

/** SIGTERM to the whole process group, SIGKILL after graceMs; resolves once the group is gone, so a restart never races the old one. */
export async function terminateGroup(pgid: number, o: GroupStop): Promise<void> {
  const signal = (sig: NodeJS.Signals) => {
    if (pgid <= 1) return;
    try {
      process.kill(-pgid, sig);
    } catch {
      // already gone
    }
  };
  if (!groupAlive(pgid)) return;
  signal("SIGTERM");
  if (o.resume) signal("SIGCONT");
  const deadline = Date.now() + o.graceMs;
  while (Date.now() < deadline) {
    if (!groupAlive(pgid)) return;
    await sleep(100);
  }
  o.log.warn(`${o.name} (process group ${pgid}) did not stop within ${o.graceMs / 1000} s; killing it`);
  signal("SIGKILL");
  const killDeadline = Date.now() + 5000;
  while (Date.now() < killDeadline && groupAlive(pgid)) await sleep(100);
  if (groupAlive(pgid)) o.log.error(`process group ${pgid} survived SIGKILL`);
}

/** A process started by spawnDetached, and why it ended (undefined while it runs). */
export interface DetachedProcess {
  child: ChildProcess;
  exited(): string | undefined;
}

/** Starts a command in its own process group, appending its output to logFile after a dated "starting <title>" line. */
// Own group: stop() can signal the whole tree (launchers and servers) at once, and the service
// survives a restart of the dev server, whose next start adopts it through the pid file.
export function spawnDetached(
  cmd: string,
  args: string[],
  o: { cwd: string; env: NodeJS.ProcessEnv; logFile: string; title: string },
): DetachedProcess {
  const out = fs.openSync(o.logFile, "a");
  let child: ChildProcess;
  try {
    fs.writeSync(out, `\n===== ${new Date().toISOString()} starting ${o.title} =====\n`);
    child = spawn(cmd, args, { detached: true, stdio: ["ignore", out, out], cwd: o.cwd, env: o.env });
  } finally {
    // the child has its own copy of the descriptor
    fs.closeSync(out);
  }
  let exited: string | undefined;
  child.on("exit", (code, sig) => {
    exited = sig ? `signal ${sig}` : `exit code ${code}`;
  });
  child.on("error", (e) => {
    exited = String(e);
  });
  return { child, exited: () => exited };
}

/** What every pid file holds; services add their own settings beside it. */
export interface PidRecord {
  pid: number;
  port: number;
}

/** Reads a pid file (JSON, or just a pid number); undefined when missing, garbled, or naming no group it is safe to signal. */
export function readPidFile<T extends object = object>(file: string): (Partial<T> & PidRecord) | undefined {
  try {
    const text = fs.readFileSync(file, "utf8").trim();
    const rec = (/^\d+$/.test(text) ? { pid: Number(text) } : JSON.parse(text)) as Partial<T & PidRecord>;
    // pid 0/1 would turn kill(-pid) into "every process"; such a file is never ours
    if (typeof rec.pid !== "number" || !Number.isInteger(rec.pid) || rec.pid <= 1) return undefined;
    return { ...rec, pid: rec.pid, port: typeof rec.port === "number" ? rec.port : Number.NaN };
  } catch {
    return undefined;
  }
}

/** Removes the pid file only if it still names this pid (a newer start may have replaced it). */
export function removePidFile(file: string, pid: number): void {
  if (readPidFile(file)?.pid === pid) fs.rmSync(file, { force: true });
}

/** True if a TCP connection to 127.0.0.1:port succeeds, i.e. starting there would fail. */
export function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    const done = (inUse: boolean) => {
      socket.destroy();
      resolve(inUse);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}
