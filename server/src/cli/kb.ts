/**
 * The command line: `npm run kb -- import <file>`, `npm run kb -- export [file]`.
 * It talks to Elasticsearch directly (ELASTICSEARCH_URL, or the local node, started if needed).
 */
import { accessSync, constants, createReadStream, createWriteStream } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { passwordSchema } from "@practice-kb/shared";
import { SingleBar } from "cli-progress";
import { z } from "zod";
import { ensureAdministrator } from "../accounts/users";
import { ConfigError, loadConfig, readDotEnvFile } from "../config";
import type { KbContext } from "../context";
import { provideElasticsearch } from "../engine/provideElasticsearch";
import { BackupFileError, backupLines, readBackupLines, restoreBackup, validateBackup } from "../interchange/backup";
import { exportedFileText } from "../interchange/exportFile";
import { ImportValidationError, importInterchangeSource, validateInterchangeSource } from "../interchange/importFile";
import { type InterchangeSource, interchangeEventsOfBytes } from "../interchange/interchangeEvents";
import { openKnowledgeBase } from "../storage/knowledgeBase";
import { embedPendingWithProgress } from "./embedProgress";

const USAGE = `Usage:
  npm run kb -- import <file.json>    import a practice-kb/v1 file (validated whole first), then embed
                                      it for search by meaning (--no-wait: leave that to the server)
  npm run kb -- export [file.json]    export every practice (to standard output without a file)
  npm run kb -- validate <file.json>  check a file without importing it
  npm run kb -- backup <file.ndjson>   back up the whole installation (practices with every revision,
                                      taxonomy, synonyms, users and tokens as hashes)
  npm run kb -- restore <file.ndjson>  replace the whole installation with a backup (checked whole first)
  npm run kb -- create-admin <email>  create an administrator, or make an account one
                                      (password from ADMIN_PASSWORD, else read from standard input)`;

const quietLog = {
  info: (m: string) => console.error(m),
  warn: (m: string) => console.error(m),
  error: (m: string) => console.error(m),
};

async function withKnowledgeBase<T>(run: (ctx: KbContext) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const elasticsearch = await provideElasticsearch(config, quietLog);
  try {
    const { close, ...ctx } = await openKnowledgeBase(config, quietLog, { elasticsearchUrl: elasticsearch.url });
    try {
      return await run(ctx);
    } finally {
      await close();
    }
  } finally {
    // A node started just for this command is stopped again; one the server runs is left alone.
    if (!config.ELASTICSEARCH_URL) await elasticsearch.stop();
  }
}

/** A file read entry by entry, once per pass of the import (never whole in memory). */
function fileSource(file: string): InterchangeSource {
  try {
    accessSync(file, constants.R_OK);
  } catch (error) {
    throw new ConfigError(`Cannot read ${file}: ${(error as Error).message}`);
  }
  return () => interchangeEventsOfBytes(createReadStream(file, { highWaterMark: 256 * 1024 }));
}

function printProblems(error: ImportValidationError): void {
  console.error(`The file was not imported: ${error.problemCount} problem(s).`);
  for (const problem of error.problems) {
    const id = problem.id ? ` (id ${problem.id})` : "";
    console.error(`  ${problem.entry}${id} ${problem.field}: ${problem.reason}`);
  }
  if (error.problemCount > error.problems.length) {
    console.error(`  ... and ${error.problemCount - error.problems.length} more.`);
  }
}

async function importCommand(file: string, dryRun: boolean, waitForEmbeddings = true): Promise<void> {
  const source = fileSource(file);
  await withKnowledgeBase(async (ctx) => {
    if (dryRun) {
      const header = await validateInterchangeSource(ctx, source, "administrator");
      console.log(`${file} is a valid ${header.format} file with ${header.practiceCount} practices.`);
      return;
    }
    const bar = process.stderr.isTTY
      ? new SingleBar({
          format: "importing [{bar}] {percentage}% | {value}/{total} practices | {eta}s left",
          stream: process.stderr,
        })
      : null;
    let started = false;
    const result = await importInterchangeSource(ctx, source, {
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
    for (const kept of result.pendingEditsKept) {
      console.log(`  ${kept.id} "${kept.title}": the edit by ${kept.by} awaiting review was kept; review it again.`);
    }
    if (waitForEmbeddings) await embedPendingWithProgress(ctx, loadConfig(), quietLog);
  });
}

async function exportCommand(file: string | undefined): Promise<void> {
  await withKnowledgeBase(async (ctx) => {
    let count = 0;
    const counted = (practices: number) => {
      count = practices;
    };
    const chunks = Readable.from(exportedFileText(ctx, counted));
    if (file) {
      await pipeline(chunks, createWriteStream(file));
      console.error(`Exported ${count} practices to ${file}.`);
    } else await pipeline(chunks, process.stdout);
  });
}

async function backupCommand(file: string): Promise<void> {
  await withKnowledgeBase(async (ctx) => {
    await pipeline(Readable.from(backupLines(ctx)), createWriteStream(file));
    const counts = await validateBackup(readBackupLines(file));
    console.error(`Backed up to ${file}: ${describeCounts(counts)}.`);
  });
}

async function restoreCommand(file: string): Promise<void> {
  await withKnowledgeBase(async (ctx) => {
    await validateBackup(readBackupLines(file)).catch((error: unknown) => {
      if (error instanceof BackupFileError) throw new ConfigError(`${file} cannot be restored: ${error.message}`);
      throw error;
    });
    const counts = await restoreBackup(ctx, readBackupLines(file));
    console.log(`Restored ${file}: ${describeCounts(counts)}. A running app picks the synonyms up within seconds.`);
  });
}

const describeCounts = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([index, count]) => `${count} ${index}`)
    .join(", ");

async function readPassword(): Promise<string> {
  if (process.env.ADMIN_PASSWORD) return process.env.ADMIN_PASSWORD;
  if (process.stdin.isTTY) process.stderr.write("Password for the administrator (at least 8 characters): ");
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(Buffer.from(chunk));
    // At a terminal the first line is the answer; from a pipe, read it all.
    if (process.stdin.isTTY && Buffer.concat(chunks).includes(10)) break;
  }
  return (Buffer.concat(chunks).toString("utf8").split(/\r?\n/)[0] ?? "").trim();
}

async function createAdminCommand(email: string): Promise<void> {
  const parsedEmail = z.email().safeParse(email.trim().toLowerCase());
  if (!parsedEmail.success) throw new ConfigError(`"${email}" is not an email address`);
  const password = passwordSchema.safeParse(await readPassword());
  if (!password.success) throw new ConfigError(`The password ${password.error.issues[0]?.message ?? "is not valid"}`);
  await withKnowledgeBase(async (ctx) => {
    const { created } = await ensureAdministrator(ctx, parsedEmail.data, password.data);
    console.log(
      created
        ? `Administrator ${parsedEmail.data} created.`
        : `${parsedEmail.data} is now an active administrator with the new password.`,
    );
  });
}

async function main(argv: string[]): Promise<void> {
  readDotEnvFile();
  const [command, given] = argv.filter((arg) => arg !== "--no-wait");
  // npm runs workspace scripts in the workspace folder; resolve paths from where the user typed the command.
  const file = given ? path.resolve(process.env.INIT_CWD ?? process.cwd(), given) : undefined;
  if (command === "import" && file) return importCommand(file, false, !argv.includes("--no-wait"));
  if (command === "validate" && file) return importCommand(file, true);
  if (command === "export") return exportCommand(file);
  if (command === "create-admin" && given) return createAdminCommand(given);
  if (command === "backup" && file) return backupCommand(file);
  if (command === "restore" && file) return restoreCommand(file);
  console.error(USAGE);
  process.exitCode = 2;
}

main(process.argv.slice(2)).catch((error) => {
  if (error instanceof ImportValidationError) printProblems(error);
  else if (error instanceof ConfigError || error?.constructor?.name === "LocalEngineError")
    console.error(error.message);
  else console.error(error);
  process.exitCode = 1;
});
