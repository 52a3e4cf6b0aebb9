/**
 * Helpers of the engine tests, which run their own local Elasticsearch nodes (real processes) on ports of
 * their own, beside the shared test node: options for such a node, other processes that use it, and the pid
 * of its JVM (to kill or freeze it).
 */
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import { loadConfig, REPO_ROOT } from "../src/config";
import type { LocalElasticsearchOptions } from "../src/engine/localElasticsearch";
import { dictionariesFolder } from "../src/engine/provideElasticsearch";

const SERVER_DIR = path.join(REPO_ROOT, "server");
const TSX = path.join(REPO_ROOT, "node_modules", ".bin", "tsx");

/** A quiet log that keeps what the engine said, for assertions and for failure messages. */
export function recordingLog(): LocalElasticsearchOptions["log"] & { lines: string[] } {
  const lines: string[] = [];
  const keep = (message: string) => {
    lines.push(message);
  };
  return { lines, info: keep, warn: keep, error: keep };
}

/** Settings of an engine test node: its own port and data folder, the install of ES_HOME (no second download). */
export function engineTestNode(name: string, port: number) {
  const config = loadConfig({ ...process.env, ELASTICSEARCH_URL: "" });
  const dataDir = path.join(REPO_ROOT, ".local/data", `es-${name}`);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ES_PORT: String(port),
    ES_DATA_DIR: dataDir,
    ES_HOME: config.ES_HOME,
    ES_HEAP_MB: String(config.ES_HEAP_MB),
    ELASTICSEARCH_URL: "",
    EMBEDDINGS: "off",
    EMBEDDINGS_URL: "",
    LOG_LEVEL: "fatal",
  };
  const options = (log: LocalElasticsearchOptions["log"]): LocalElasticsearchOptions => ({
    version: config.ES_VERSION,
    homeDir: config.ES_HOME,
    dataDir,
    port,
    heapMb: config.ES_HEAP_MB,
    dictionariesFrom: dictionariesFolder(),
    checkoutDir: REPO_ROOT,
    log,
  });
  return { url: `http://127.0.0.1:${port}`, dataDir, port, config, env, options };
}

/** Another process holding the node, until stop() (or a kill, which leaves a stale lease behind). */
export interface EngineUser {
  reused: boolean;
  child: ChildProcess;
  /** Everything it printed on standard error (the engine's messages). */
  output(): string;
  /** Asks it to leave the node and waits until it exited. */
  stop(): Promise<void>;
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once("exit", (code) => resolve(code)));
}

/** Starts test/localEngineUser.ts with env and resolves once it holds the node. */
export async function startEngineUser(env: NodeJS.ProcessEnv): Promise<EngineUser> {
  const child = spawn(TSX, ["test/localEngineUser.ts"], { cwd: SERVER_DIR, env, stdio: ["pipe", "pipe", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once("line", resolve);
    child.once("exit", (code) => reject(new Error(`engine user exited (${code}) before holding the node:\n${stderr}`)));
  });
  const { reused } = JSON.parse(first) as { reused: boolean };
  return {
    reused,
    child,
    output: () => stderr,
    async stop() {
      child.stdin?.end("stop\n");
      const code = await exited(child);
      if (code !== 0) throw new Error(`engine user exited with ${code}:\n${stderr}`);
    },
  };
}

/** Waits until a child process exited; its exit code. */
export const waitForExit = exited;

/** The pid of the node's JVM (the Elasticsearch server itself, not its launcher). */
export async function serverPid(url: string): Promise<number> {
  const response = await fetch(`${url}/_nodes/_local/process?filter_path=nodes.*.process.id`);
  const body = (await response.json()) as { nodes: Record<string, { process: { id: number } }> };
  const node = Object.values(body.nodes)[0];
  if (!node) throw new Error(`no node answered at ${url}`);
  return node.process.id;
}

/** True if the node answers a health check within 2 s. */
export async function nodeAnswers(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/_cluster/health`, { signal: AbortSignal.timeout(2000) });
    return response.ok;
  } catch {
    return false;
  }
}
