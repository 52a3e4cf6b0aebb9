/**
 * `npm run lint`: fails when a source file under the given folders is over 400 lines, so each file
 * keeps to one job a reader can hold at once. Data files (.json) are exempt.
 * Usage: tsx scripts/check-file-lengths.ts client/src server/src
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const ROOT = path.join(import.meta.dirname, "..");
const MAX_LINES = 400;
const DATA_FILE = /\.json$/;

/** The files under `folder` (relative to the repository) that are longer than MAX_LINES, with their lengths. */
function overlongFiles(folder: string): Array<{ file: string; lines: number }> {
  const found: Array<{ file: string; lines: number }> = [];
  for (const entry of readdirSync(path.join(ROOT, folder), { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || DATA_FILE.test(entry.name)) continue;
    const file = path.join(entry.parentPath, entry.name);
    const text = readFileSync(file, "utf8");
    const lines = text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
    if (lines > MAX_LINES) found.push({ file: path.relative(ROOT, file), lines });
  }
  return found;
}

const folders = process.argv.slice(2);
if (folders.length === 0) {
  console.error("usage: tsx scripts/check-file-lengths.ts <folder>...");
  process.exit(1);
}
const overlong = folders.flatMap(overlongFiles);
for (const { file, lines } of overlong) console.error(`${file}: ${lines} lines (at most ${MAX_LINES})`);
console.log(
  overlong.length === 0
    ? `no file over ${MAX_LINES} lines in ${folders.join(", ")}`
    : `${overlong.length} file(s) over ${MAX_LINES} lines in ${folders.join(", ")}`,
);
process.exit(overlong.length === 0 ? 0 : 1);
