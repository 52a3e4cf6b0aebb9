import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { blockedFolder, foldersForServiceUser, relocatedPath, runningAsRoot } from "./serviceUser";

// As root, Elasticsearch runs as the service user; a checkout it cannot enter (mode 700, like `mktemp -d`
// or anything under /root) gets the engine's folders moved to where it can (real runuser checks).
describe.skipIf(!runningAsRoot())("folders for the service user", () => {
  const closed = fs.mkdtempSync(path.join(os.tmpdir(), "pkb-closed-"));
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "pkb-moved-"));
  fs.chmodSync(root, 0o755);
  const checkoutDir = path.join(closed, "kb");
  const folders = {
    homeDir: path.join(checkoutDir, ".local/elasticsearch"),
    dataDir: path.join(checkoutDir, ".local/data/es"),
    checkoutDir,
    relocationRoot: root,
  };
  afterAll(() => {
    for (const dir of [closed, root]) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("moves the install and the data out of a folder the service user cannot enter, and says where", async () => {
    expect(fs.statSync(closed).mode & 0o777).toBe(0o700);
    const lines: string[] = [];
    const log = { info: (m: string) => lines.push(m), warn: (m: string) => lines.push(m), error: () => {} };
    const used = await foldersForServiceUser(folders, log);
    expect(used).toEqual({
      installRoot: relocatedPath(folders.homeDir, checkoutDir, root),
      dataDir: relocatedPath(folders.dataDir, checkoutDir, root),
    });
    expect(lines.join("\n")).toContain(`cannot enter ${closed}`);
    expect(lines.join("\n")).toContain(used.dataDir);
    expect(await blockedFolder(used.installRoot)).toBeUndefined();
    expect(await blockedFolder(path.dirname(used.dataDir))).toBeUndefined();
    expect(
      fs.readFileSync(
        path.join(root, path.relative(root, used.installRoot).split(path.sep)[0] ?? "", "ORIGIN.txt"),
        "utf8",
      ),
    ).toContain(checkoutDir);

    // The same folders on the next start; once the data lives there it stays, even if the checkout opens up.
    expect(await foldersForServiceUser(folders, log)).toEqual(used);
    fs.mkdirSync(path.join(used.dataDir, "nodes"), { recursive: true });
    fs.chmodSync(closed, 0o755);
    const reopened = await foldersForServiceUser(folders, log);
    expect(reopened).toEqual({ installRoot: folders.homeDir, dataDir: used.dataDir });
    expect(lines.at(-1)).toContain("its data was moved there on an earlier start");
  });

  it("keeps folders the service user can reach where they are", async () => {
    const open = fs.mkdtempSync(path.join(os.tmpdir(), "pkb-open-"));
    fs.chmodSync(open, 0o755);
    try {
      const lines: string[] = [];
      const log = { info: (m: string) => lines.push(m), warn: () => {}, error: () => {} };
      const here = {
        homeDir: path.join(open, "es-home"),
        dataDir: path.join(open, "data/es"),
        checkoutDir: open,
        relocationRoot: root,
      };
      expect(await foldersForServiceUser(here, log)).toEqual({ installRoot: here.homeDir, dataDir: here.dataDir });
      expect(lines).toEqual([]);
    } finally {
      fs.rmSync(open, { recursive: true, force: true });
    }
  });
});
