/**
 * `npm run lint`: fails when the modules of the given source folders import each other in a circle,
 * type-only imports included (a type cycle still ties the modules' design together). Each folder is
 * read with its workspace's tsconfig, so the client's `@/` paths resolve.
 * Usage: tsx scripts/check-import-cycles.ts client/src shared/src
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { parseCircular, parseDependencyTree } from "dpdm";

const ROOT = path.join(import.meta.dirname, "..");

/** The import cycles among the TypeScript modules under `folder`, each as the list of its files. */
async function importCycles(folder: string): Promise<string[][]> {
  const tsconfig = path.join(ROOT, path.dirname(folder), "tsconfig.json");
  const tree = await parseDependencyTree([`${folder}/**/*.ts`, `${folder}/**/*.tsx`], {
    cwd: ROOT,
    context: ROOT,
    tsconfig: existsSync(tsconfig) ? tsconfig : undefined,
    // Types stay in: `transform` would compile them away first.
    transform: false,
  });
  return parseCircular(tree);
}

async function main(folders: string[]): Promise<number> {
  if (folders.length === 0) throw new Error("usage: tsx scripts/check-import-cycles.ts <folder>...");
  let found = 0;
  for (const folder of folders) {
    for (const cycle of await importCycles(folder)) {
      found += 1;
      console.error(`import cycle: ${[...cycle, cycle[0]].join(" -> ")}`);
    }
  }
  console.log(
    found === 0 ? `no import cycles in ${folders.join(", ")}` : `${found} import cycle(s) in ${folders.join(", ")}`,
  );
  return found === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
