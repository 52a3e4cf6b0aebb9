/**
 * The command line: `npm run kb -- import <file>`, `npm run kb -- export [file]`.
 * It talks to Elasticsearch directly (ELASTICSEARCH_URL, or the local node, started if needed).
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { SingleBar } from "cli-progress";
import { ConfigError, loadConfig } from "../config";
import type { KbContext } from "../context";
import { provideElasticsearch } from "../engine/provideElasticsearch";
import { exportInterchangeFile } from "../interchange/exportFile";
import { ImportValidationError, importInterchangeFile } from "../interchange/importFile";
import { createElasticsearchClient, waitForCluster } from "../plugins/app/knowledgeBase";
import { ensureIndices, indexNames } from "../search/indices";

const USAGE = `Usage:
  npm run kb -- import <file.json>    import a practice-kb/v1 file (validated whole first)
  npm run kb -- export [file.json]    export every practice (to standard output without a file)
  npm run kb -- validate <file.json>  check a file without importing it`;

const quietLog = { info: (m: string) => console.error(m), warn: (m: string) => console.error(m), error: (m: string) => console.error(m) };

async function withKnowledgeBase<T>(run: (ctx: KbContext) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const elasticsearch = await provideElasticsearch(config, quietLog);
  const es = createElasticsearchClient(config, elasticsearch.url);
  try {
    await waitForCluster(es, 60_000);
    const ctx: KbContext = { es, names: indexNames(config.INDEX_PREFIX), reviewPeriodMonths: config.REVIEW_PERIOD_MONTHS };
    await ensureIndices(es, ctx.names, config.INDEX_REPLICAS, quietLog);
    return await run(ctx);
  } finally {
    await es.close();
    // A node started just for this command is stopped again; one the server runs is left alone.
    if (!config.ELASTICSEARCH_URL) await elasticsearch.stop();
  }
}

function readJsonFile(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new ConfigError(`Cannot read ${file} as JSON: ${(error as Error).message}`);
  }
}

function printProblems(error: ImportValidationError): void {
  console.error(`The file was not imported: ${error.problems.length} problem(s).`);
  for (const problem of error.problems) {
    const id = problem.id ? ` (id ${problem.id})` : "";
    console.error(`  ${problem.entry}${id} ${problem.field}: ${problem.reason}`);
  }
}

async function importCommand(file: string, dryRun: boolean): Promise<void> {
  const raw = readJsonFile(file);
  await withKnowledgeBase(async (ctx) => {
    if (dryRun) {
      const { validateInterchangeFile } = await import("../interchange/validateFile");
      const { loadTaxonomy } = await import("../taxonomy/commands");
      const result = validateInterchangeFile(raw, await loadTaxonomy(ctx), "administrator");
      if (!result.ok) throw new ImportValidationError(result.problems);
      console.log(`${file} is a valid practice-kb/v1 file with ${result.file.practices.length} practices.`);
      return;
    }
    const bar = process.stderr.isTTY
      ? new SingleBar({ format: "importing [{bar}] {percentage}% | {value}/{total} practices | {eta}s left", stream: process.stderr })
      : null;
    let started = false;
    const result = await importInterchangeFile(ctx, raw, {
      role: "administrator",
      author: "cli",
      onProgress: (done, total) => {
        if (!bar) return;
        if (!started) {
          bar.start(total, done);
          started = true;
        } else bar.update(done);
      },
    });
    bar?.stop();
    console.log(
      `Imported ${file}: ${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged` +
        ` (taxonomy: ${result.taxonomy.created} created, ${result.taxonomy.updated} updated).`,
    );
  });
}

async function exportCommand(file: string | undefined): Promise<void> {
  await withKnowledgeBase(async (ctx) => {
    const exported = await exportInterchangeFile(ctx);
    const text = `${JSON.stringify(exported, null, 2)}\n`;
    if (file) {
      writeFileSync(file, text);
      console.error(`Exported ${exported.practices.length} practices to ${file}.`);
    } else process.stdout.write(text);
  });
}

async function main(argv: string[]): Promise<void> {
  const [command, given] = argv;
  // npm runs workspace scripts in the workspace folder; resolve paths from where the user typed the command.
  const file = given ? path.resolve(process.env.INIT_CWD ?? process.cwd(), given) : undefined;
  if (command === "import" && file) return importCommand(file, false);
  if (command === "validate" && file) return importCommand(file, true);
  if (command === "export") return exportCommand(file);
  console.error(USAGE);
  process.exitCode = 2;
}

main(process.argv.slice(2)).catch((error) => {
  if (error instanceof ImportValidationError) printProblems(error);
  else if (error instanceof ConfigError || error?.constructor?.name === "LocalEngineError") console.error(error.message);
  else console.error(error);
  process.exitCode = 1;
});
