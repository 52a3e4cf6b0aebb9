// The node process of a local Elasticsearch: probing it over HTTP, starting it from a prepared install,
// recognising the one a pid file names, and stopping it. Only Node built-ins (see localElasticsearch.ts).

import * as fs from "node:fs";
import * as path from "node:path";
import { CLUSTER_NAME } from "./elasticsearchInstall";
import { LocalEngineError } from "./engineError";
import {
  fileSize,
  isOurLiveGroup,
  lastLinesSince,
  type ProcessLog,
  readPidFile,
  removePidFile,
  sleep,
  spawnDetached,
  terminateGroup,
} from "./processes";
import { SERVICE_USER } from "./serviceUser";

const START_TIMEOUT_MS = 120_000;
const ADOPT_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 20_000;

/** Cluster health status ("green" | "yellow" | "red"), or undefined when nothing ES-like answers in time. */
export async function clusterHealth(port: number, timeoutMs = 2000): Promise<string | undefined> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/_cluster/health`, { signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) return undefined;
    const body = (await res.json()) as { status?: unknown };
    return typeof body.status === "string" ? body.status : undefined;
  } catch {
    return undefined;
  }
}

/** True for a status in which the node serves searches and writes. */
export const isHealthy = (status: string | undefined) => status === "green" || status === "yellow";

/** True if the node answering on the port uses this data folder (i.e. it is the node our pid file describes). */
async function servesDataDir(port: number, dataDir: string): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/_nodes/_local/settings?filter_path=nodes.*.settings.path.data`, {
      signal: AbortSignal.timeout(2000),
    });
    if (!res.ok) return false;
    const body = (await res.json()) as { nodes?: Record<string, { settings?: { path?: { data?: unknown } } }> };
    const node = Object.values(body.nodes ?? {})[0];
    const data = node?.settings?.path?.data;
    const list = Array.isArray(data) ? data : [data];
    return list.some((d) => typeof d === "string" && path.resolve(d) === path.resolve(dataDir));
  } catch {
    return false;
  }
}

/** True if the pid file's process group still runs Elasticsearch (and the pid was not recycled by another program). */
export const isOurNode = (pgid: number) => isOurLiveGroup(pgid, "elasticsearch");

/** SIGTERM the whole process group (runuser, ES launcher, ES server), SIGKILL after a grace period. */
// The server gets SIGTERM directly and shuts down cleanly on its own; runuser also SIGKILLs the
// launcher 2 s after forwarding a signal ("Session terminated, killing shell..." in console.log),
// which is harmless. We wait for the whole group, so this returns only when the JVMs are gone.
// `frozen`: the node stopped answering; it gets SIGCONT too and only a short grace before SIGKILL.
export function stopNode(pgid: number, log: ProcessLog, frozen = false): Promise<void> {
  return terminateGroup(pgid, {
    name: "Elasticsearch",
    graceMs: frozen ? 5000 : STOP_TIMEOUT_MS,
    log,
    resume: frozen,
  });
}

/** What adoptRunning found on the data folder's pid file. */
export type Adoption = { pgid: number } | { pgid?: undefined };

/** Adopts the healthy node a pid file names, or clears away one that is dead, on another port or never gets healthy. */
export async function adoptRunning(o: {
  pidFile: string;
  port: number;
  dataDir: string;
  log: ProcessLog;
  /** Live processes other than this one using the node; a node they use is never moved to another port. */
  otherUsers: () => number[];
}): Promise<Adoption> {
  const rec = readPidFile(o.pidFile);
  if (!rec || !isOurNode(rec.pid)) {
    fs.rmSync(o.pidFile, { force: true });
    return {};
  }
  if (rec.port !== o.port) {
    const users = o.otherUsers();
    if (users.length > 0) {
      throw new LocalEngineError(
        `Elasticsearch on ${o.dataDir} runs on port ${rec.port} for process(es) ${users.join(", ")}; ` +
          `set ES_PORT=${rec.port} to share it, or stop them first.`,
      );
    }
    // never two nodes on one data folder: the old one must go before we start on the new port
    o.log.warn(
      `Elasticsearch on this data folder runs on port ${rec.port} (pid ${rec.pid}); restarting it on port ${o.port}`,
    );
    await stopNode(rec.pid, o.log);
    removePidFile(o.pidFile, rec.pid);
    return {};
  }
  const deadline = Date.now() + ADOPT_TIMEOUT_MS;
  let announced = false;
  while (isOurNode(rec.pid)) {
    if (isHealthy(await clusterHealth(o.port))) {
      if (!(await servesDataDir(o.port, o.dataDir))) {
        throw new LocalEngineError(
          `Port ${o.port} is answered by an Elasticsearch that does not use ${o.dataDir}, while our node (pid ${rec.pid}) also runs. ` +
            `Stop the other program or set ES_PORT to another port.`,
        );
      }
      return { pgid: rec.pid };
    }
    if (Date.now() > deadline) {
      o.log.warn(
        `Elasticsearch (pid ${rec.pid}) did not become healthy within ${ADOPT_TIMEOUT_MS / 1000} s; restarting it`,
      );
      await stopNode(rec.pid, o.log, true);
      removePidFile(o.pidFile, rec.pid);
      return {};
    }
    if (!announced) {
      o.log.info(
        `Elasticsearch (pid ${rec.pid}) is running but not healthy yet; waiting up to ${ADOPT_TIMEOUT_MS / 1000} s`,
      );
      announced = true;
    }
    await sleep(500);
  }
  // it exited while we waited
  removePidFile(o.pidFile, rec.pid);
  return {};
}

/** Everything needed to launch a prepared node. */
export interface LaunchSpec {
  version: string;
  install: string;
  javaHome: string;
  configDir: string;
  logsDir: string;
  pidFile: string;
  port: number;
  heapMb: number;
  /** Run as SERVICE_USER through runuser (this process is root). */
  asServiceUser: boolean;
  log: ProcessLog;
}

/** Starts the node in its own process group, records it in the pid file and waits until it is healthy; returns the group id. */
export async function launchNode(s: LaunchSpec): Promise<number> {
  const esEnv: Record<string, string> = {
    ES_JAVA_HOME: s.javaHome,
    ES_PATH_CONF: s.configDir,
    ES_JAVA_OPTS: `-Xms${s.heapMb}m -Xmx${s.heapMb}m`,
  };
  const env: NodeJS.ProcessEnv = { ...process.env, ...esEnv };
  // the launcher warns about (or ignores) these; dropping them keeps console.log clean
  for (const k of ["JAVA_HOME", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "JAVA_OPTS"]) delete env[k];
  const bin = path.join(s.install, "bin", "elasticsearch");
  const [cmd, args] = s.asServiceUser
    ? ["runuser", ["-u", SERVICE_USER, "--", "env", ...Object.entries(esEnv).map(([k, v]) => `${k}=${v}`), bin]]
    : [bin, []];

  const consoleLog = path.join(s.logsDir, "console.log");
  const esLog = path.join(s.logsDir, `${CLUSTER_NAME}.log`);
  const consoleFrom = fileSize(consoleLog);
  const esLogFrom = fileSize(esLog);
  const t0 = Date.now();
  // one group holds runuser, the ES launcher and the server, so a stop signals them together
  const proc = spawnDetached(cmd, args, {
    cwd: s.logsDir,
    env,
    logFile: consoleLog,
    title: `Elasticsearch ${s.version} on port ${s.port}`,
  });
  const { child } = proc;
  const pgid = child.pid;
  if (pgid === undefined) throw new LocalEngineError(`Could not start ${cmd}`);
  fs.writeFileSync(s.pidFile, `${JSON.stringify({ pid: pgid, port: s.port, version: s.version })}\n`);

  const failure = (why: string) =>
    new LocalEngineError(
      `Elasticsearch ${why}.\n--- last lines of ${consoleLog}:\n${lastLinesSince(consoleLog, consoleFrom, 30)}\n--- last lines of ${esLog}:\n${lastLinesSince(esLog, esLogFrom, 30)}`,
    );
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (true) {
    const exited = proc.exited();
    if (exited) {
      removePidFile(s.pidFile, pgid);
      // the launcher may have died while the server lingers in the group
      await stopNode(pgid, s.log);
      throw failure(`exited during startup (${exited})`);
    }
    if (isHealthy(await clusterHealth(s.port))) break;
    if (Date.now() > deadline) {
      await stopNode(pgid, s.log);
      removePidFile(s.pidFile, pgid);
      throw failure(`did not become healthy within ${START_TIMEOUT_MS / 1000} s`);
    }
    await sleep(500);
  }
  // let this Node process exit without waiting for the detached node
  child.unref();
  s.log.info(`Elasticsearch ready at http://127.0.0.1:${s.port} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return pgid;
}
