import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError, loadConfig, readDotEnvFile } from "./config";

describe("configuration", () => {
  const touched = ["PKB_TEST_FROM_FILE", "PKB_TEST_FROM_SHELL"];
  afterEach(() => {
    for (const name of touched) delete process.env[name];
  });

  it("reads .env when it exists, and the environment wins over the file", () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "pkb-env-")), ".env");
    writeFileSync(file, "PKB_TEST_FROM_FILE=file\nPKB_TEST_FROM_SHELL=file\n");
    process.env.PKB_TEST_FROM_SHELL = "shell";
    expect(readDotEnvFile(file)).toBe(file);
    expect(process.env.PKB_TEST_FROM_FILE).toBe("file");
    expect(process.env.PKB_TEST_FROM_SHELL).toBe("shell");
    expect(readDotEnvFile(path.join(path.dirname(file), "missing.env"))).toBeUndefined();
  });

  it("trusts no proxy unless TRUST_PROXY names one, and refuses a value it cannot use", () => {
    expect(loadConfig({}).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: "true" }).TRUST_PROXY).toBe(true);
    expect(loadConfig({ TRUST_PROXY: "10.0.0.1, 172.16.0.0/12,loopback" }).TRUST_PROXY).toEqual([
      "10.0.0.1",
      "172.16.0.0/12",
      "loopback",
    ]);
    expect(() => loadConfig({ TRUST_PROXY: "my proxy" })).toThrow(ConfigError);
    expect(() => loadConfig({ TRUST_PROXY: "my proxy" })).toThrow(/TRUST_PROXY/);
  });
});
