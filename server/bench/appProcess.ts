/**
 * The app as a bench measures it: its own process (`tsx src/server.ts`), asked over HTTP on loopback,
 * so the figures include the HTTP hop a desk pays (shared by the latency and insight benchmarks).
 */
import { type ChildProcess, spawn } from "node:child_process";
import http from "node:http";
import path from "node:path";
import { REPO_ROOT } from "../src/config";
import { freePort } from "./benchEmbeddings";

/** Waits `ms` milliseconds. */
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The app running as its own process, on a port of its own. */
export interface AppProcess {
  child: ChildProcess;
  port: number;
  output(): string;
  stop(): Promise<void>;
}

/** Where a bench app runs: its cluster and index prefix, and any setting of its own. */
export interface AppProcessOptions {
  url: string;
  prefix: string;
  /** Search by meaning through this service (EMBEDDINGS=remote); without it EMBEDDINGS=off. */
  embeddingsUrl?: string;
  /** More environment for the app (e.g. ANALYTICS=off), over the defaults. */
  env?: Record<string, string>;
}

/**
 * Starts the real app as its own process group (`tsx src/server.ts`) and waits for /api/health; with
 * an embeddings URL, search by meaning is on (EMBEDDINGS=remote), otherwise off.
 */
export async function startApp(options: AppProcessOptions): Promise<AppProcess> {
  const { embeddingsUrl } = options;
  const port = await freePort();
  // BENCH_APP_CPU_PROF_DIR: run the app as `node --cpu-prof --import tsx` so it writes a V8 CPU profile
  // when it stops (for profiling, not for figures: the profiler slows it down a little).
  const profileDir = process.env.BENCH_APP_CPU_PROF_DIR;
  const [command, commandArgs] = profileDir
    ? [process.execPath, ["--cpu-prof", `--cpu-prof-dir=${profileDir}`, "--import", "tsx", "src/server.ts"]]
    : [path.join(REPO_ROOT, "node_modules/.bin/tsx"), ["src/server.ts"]];
  const child = spawn(command, commandArgs, {
    cwd: path.join(REPO_ROOT, "server"),
    env: {
      ...process.env,
      ELASTICSEARCH_URL: options.url,
      INDEX_PREFIX: options.prefix,
      SEED_ON_EMPTY: "false",
      HOST: "127.0.0.1",
      PORT: String(port),
      LOG_LEVEL: "warn",
      // Without --meaning: word search, which is what the DIRECT side replays. With it: every query is
      // also embedded and searched by kNN; the practices were embedded beforehand, so the app's own
      // queue finds nothing to do (it only looks for pending practices every 2 s).
      ...(embeddingsUrl ? { EMBEDDINGS: "remote", EMBEDDINGS_URL: embeddingsUrl } : { EMBEDDINGS: "off" }),
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  let exited: number | null | undefined;
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const exitPromise = new Promise<void>((resolve) =>
    child.on("exit", (code) => {
      exited = code;
      resolve();
    }),
  );
  const app: AppProcess = {
    child,
    port,
    output: () => output,
    async stop() {
      if (exited !== undefined || !child.pid) return;
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        return;
      }
      const stopped = await Promise.race([exitPromise.then(() => true), sleep(15_000).then(() => false)]);
      if (!stopped) {
        try {
          process.kill(-child.pid, "SIGKILL");
        } catch {}
        await exitPromise;
      }
    },
  };
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (exited !== undefined) throw new Error(`the app exited (${exited}) while starting:\n${output}`);
    const status = await request(port, { method: "GET", path: "/api/health" }).catch(() => 0);
    if (status === 200) return app;
    await sleep(250);
  }
  await app.stop();
  throw new Error(`the app did not answer /api/health within 120 s:\n${output}`);
}

/** A request as the bench sends it. */
export interface PlainRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

/** The agent of sequential requests: one kept-alive connection, as a browser tab would use. */
export const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 256 });

/** One HTTP request on loopback; resolves with the status (and the body when asked). */
export function request(port: number, req: PlainRequest, agent?: http.Agent): Promise<number>;
export function request(
  port: number,
  req: PlainRequest,
  agent: http.Agent,
  withBody: true,
): Promise<{ status: number; body: string }>;
export function request(port: number, req: PlainRequest, agent = keepAlive, withBody = false) {
  return new Promise((resolve, reject) => {
    const outgoing = http.request(
      {
        host: "127.0.0.1",
        port,
        method: req.method,
        path: req.path,
        agent,
        headers: req.body
          ? {
              ...req.headers,
              "content-type": req.headers?.["content-type"] ?? "application/json",
              "content-length": Buffer.byteLength(req.body),
            }
          : req.headers,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => {
          if (withBody) chunks.push(chunk);
        });
        response.on("end", () => {
          const status = response.statusCode ?? 0;
          resolve(withBody ? { status, body: Buffer.concat(chunks).toString("utf8") } : status);
        });
        response.on("error", reject);
      },
    );
    outgoing.on("error", reject);
    outgoing.end(req.body);
  });
}
