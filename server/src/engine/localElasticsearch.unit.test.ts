import { describe, expect, it } from "vitest";
import { adaptJvmOptions, nodePaths, renderElasticsearchYml, transportPortRange } from "./elasticsearchInstall";
import { parseJavaMajor, parseModuleList, REQUIRED_JAVA_MODULES } from "./javaRuntime";

describe("parseJavaMajor", () => {
  it("reads the major version from the formats real JDKs print", () => {
    expect(
      parseJavaMajor(
        'openjdk version "17.0.15" 2025-04-15\nOpenJDK Runtime Environment (build 17.0.15+6-Debian-1deb12u1)',
      ),
    ).toBe(17);
    expect(parseJavaMajor('openjdk version "21.0.2" 2024-01-16 LTS')).toBe(21);
    expect(parseJavaMajor('openjdk version "25" 2025-09-16 LTS')).toBe(25);
    expect(parseJavaMajor('Picked up JAVA_TOOL_OPTIONS: -Dx=y\nopenjdk version "25.0.3" 2026-04-21 LTS')).toBe(25);
    expect(parseJavaMajor('openjdk version "21-ea" 2023-09-19')).toBe(21);
    expect(parseJavaMajor('java version "1.8.0_392"')).toBe(8);
    expect(parseJavaMajor("bash: java: command not found")).toBeUndefined();
  });
});

describe("parseModuleList", () => {
  it("reads `java --list-modules` output so trimmed runtimes can be rejected", () => {
    const modules = parseModuleList("java.base@25.0.3\njdk.jlink@25.0.3\njdk.jdi@25.0.3\n");
    expect([...modules]).toEqual(["java.base", "jdk.jlink", "jdk.jdi"]);
    expect(REQUIRED_JAVA_MODULES).toContain("jdk.jlink");
  });
});

describe("renderElasticsearchYml", () => {
  it("writes a loopback single-node config for this node", () => {
    const yml = renderElasticsearchYml({
      nodeName: "practice-kb-dev",
      dataDir: "/srv/kb data/es-dev",
      logsDir: "/srv/kb data/es-dev-logs",
      snapshotsDir: "/srv/kb data/es-dev-snapshots",
      port: 9200,
    });
    expect(yml).toContain("cluster.name: practice-kb\n");
    expect(yml).toContain('path.data: "/srv/kb data/es-dev"\n');
    expect(yml).toContain('path.logs: "/srv/kb data/es-dev-logs"\n');
    expect(yml).toContain('path.repo: "/srv/kb data/es-dev-snapshots"\n');
    expect(yml).toContain("network.host: 127.0.0.1\n");
    expect(yml).toContain("http.port: 9200\n");
    expect(yml).toContain("transport.port: 9300-9399\n");
    expect(yml).toContain("discovery.type: single-node\n");
    expect(yml).toContain("xpack.security.enabled: false\n");
    expect(yml).toContain("cluster.routing.allocation.disk.threshold_enabled: false\n");
    // the distribution lacks ingest-geoip; the setting would stop ES from starting
    expect(yml).not.toMatch(/^ingest\.geoip/m);
  });

  it("writes a member of a loopback cluster: fixed transport port, seeds and first masters, no single-node", () => {
    const yml = renderElasticsearchYml({
      nodeName: "cluster-bench-2",
      dataDir: "/tmp/c/node-2",
      logsDir: "/tmp/c/node-2-logs",
      snapshotsDir: "/tmp/c/node-2-snapshots",
      port: 9482,
      cluster: {
        transportPort: 9582,
        seedHosts: ["127.0.0.1:9581", "127.0.0.1:9582"],
        initialMasterNodes: ["cluster-bench-1", "cluster-bench-2"],
      },
    });
    expect(yml).toContain("transport.port: 9582\n");
    expect(yml).toContain('discovery.seed_hosts: ["127.0.0.1:9581","127.0.0.1:9582"]\n');
    expect(yml).toContain('cluster.initial_master_nodes: ["cluster-bench-1","cluster-bench-2"]\n');
    expect(yml).not.toContain("discovery.type");
  });

  it("keeps transport ports of different nodes apart and inside the port space", () => {
    expect(transportPortRange(9299)).toBe("9399-9498");
    expect(transportPortRange(65500)).toBe("9300-9399");
  });
});

describe("node layout and jvm.options", () => {
  it("puts config, logs, pid file, lock and leases beside the data folder", () => {
    expect(nodePaths("/r/.local/data/es-test")).toEqual({
      configDir: "/r/.local/data/es-test-config",
      logsDir: "/r/.local/data/es-test-logs",
      snapshotsDir: "/r/.local/data/es-test-snapshots",
      pidFile: "/r/.local/data/es-test.pid",
      lockFile: "/r/.local/data/es-test.lock",
      leasesDir: "/r/.local/data/es-test.leases",
    });
  });

  it("drops the vector incubator module only when the JDK lacks it", () => {
    const opts = "-XX:+UseG1GC\n20-:--add-modules=jdk.incubator.vector\n-Xss1m\n";
    expect(adaptJvmOptions(opts, true)).toBe(opts);
    expect(adaptJvmOptions(opts, false)).toBe("-XX:+UseG1GC\n-Xss1m\n");
  });
});
