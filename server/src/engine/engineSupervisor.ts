// The app's watchdog over its local Elasticsearch: a node that dies (crash, OOM kill) or stops answering
// (frozen, hung) is started again, with backoff between failed attempts, so search comes back without
// restarting the app. Its state is shown by /api/health. Only Node built-ins (see localElasticsearch.ts).

import type { LocalElasticsearch } from "./localElasticsearch";
import type { ProcessLog } from "./processes";

/** What the watchdog last saw of the local node (the `engine` part of /api/health). */
export interface EngineStatus {
  /** running: answers; unresponsive: runs but does not answer (restarted after a while); restarting: being started again. */
  state: "running" | "unresponsive" | "restarting" | "stopped";
  /** How many times the watchdog brought the node back since the app started. */
  restarts: number;
  lastRestartAt?: string;
  /** Why the last restart attempt failed, while the node is still down. */
  error?: string;
}

/** Timing of the watchdog; tests shorten it. */
export interface SupervisorOptions {
  /** How often the node is checked. */
  checkEveryMs?: number;
  /** How long a running node may fail to answer before it is killed and started again. */
  unresponsiveAfterMs?: number;
  /** Wait after the first failed restart; doubled after each further failure up to maxBackoffMs. */
  firstBackoffMs?: number;
  maxBackoffMs?: number;
}

/** A running watchdog. */
export interface EngineSupervisor {
  status(): EngineStatus;
  /** Stops watching (and waits for a restart in progress), before the node itself is left. */
  stop(): Promise<void>;
}

/** Watches the node and brings it back when it dies or stops answering. */
export function superviseElasticsearch(
  node: Pick<LocalElasticsearch, "url" | "alive" | "answers" | "restart">,
  log: ProcessLog,
  options: SupervisorOptions = {},
): EngineSupervisor {
  const checkEveryMs = options.checkEveryMs ?? 2000;
  const unresponsiveAfterMs = options.unresponsiveAfterMs ?? 30_000;
  const firstBackoffMs = options.firstBackoffMs ?? 2000;
  const maxBackoffMs = options.maxBackoffMs ?? 60_000;
  const status: EngineStatus = { state: "running", restarts: 0 };
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> | undefined;
  let failures = 0;
  let nextAttemptAt = 0;
  let silentSince: number | undefined;

  const restart = async (kill: boolean) => {
    status.state = "restarting";
    try {
      await node.restart({ kill });
      status.restarts++;
      status.lastRestartAt = new Date().toISOString();
      status.state = "running";
      delete status.error;
      failures = 0;
      silentSince = undefined;
      log.info(`Elasticsearch at ${node.url} is back (restart ${status.restarts})`);
    } catch (error) {
      failures++;
      const delay = Math.min(firstBackoffMs * 2 ** (failures - 1), maxBackoffMs);
      nextAttemptAt = Date.now() + delay;
      status.error = error instanceof Error ? error.message : String(error);
      log.error(
        `starting Elasticsearch again failed (attempt ${failures}; next try in ${Math.round(delay / 1000)} s): ${status.error}`,
      );
    }
  };

  const check = async () => {
    if (!node.alive()) {
      if (Date.now() < nextAttemptAt) return;
      if (failures === 0) log.warn(`Elasticsearch at ${node.url} stopped unexpectedly; starting it again`);
      await restart(false);
      return;
    }
    if (await node.answers(Math.min(5000, Math.max(1000, checkEveryMs)))) {
      silentSince = undefined;
      if (status.state !== "restarting") status.state = "running";
      return;
    }
    silentSince ??= Date.now();
    if (status.state === "running") status.state = "unresponsive";
    const silentMs = Date.now() - silentSince;
    if (silentMs < unresponsiveAfterMs || Date.now() < nextAttemptAt) return;
    if (failures === 0) {
      log.warn(`Elasticsearch at ${node.url} has not answered for ${Math.round(silentMs / 1000)} s; restarting it`);
    }
    await restart(true);
  };

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      current = check()
        .catch((error: unknown) => log.error(`watching Elasticsearch failed: ${String(error)}`))
        .finally(() => {
          current = undefined;
          schedule();
        });
    }, checkEveryMs);
    // the watchdog alone never keeps the process alive
    timer.unref();
  };
  schedule();

  return {
    status: () => ({ ...status }),
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current;
      status.state = "stopped";
    },
  };
}
