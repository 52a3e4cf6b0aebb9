/**
 * The import's floor (issue 18 point 2): the documents an import of a file would write, prepared beforehand
 * (same batches, same index and revision operations, already serialized), then bulk-posted straight to
 * Elasticsearch with the same number of requests in flight, into empty indices. What the importer adds on
 * top (reading and validating the file, looking up stored versions, building documents) is the difference.
 */
import { createReadStream } from "node:fs";
import type { ImportResult, InterchangePractice } from "@practice-kb/shared";
import { loadConfig } from "../src/config";
import { validateInterchangeSource } from "../src/interchange/importFile";
import { interchangeEventsOfBytes } from "../src/interchange/interchangeEvents";
import {
  batchOperations,
  DEFAULT_WRITE_LIMITS,
  practiceIdOf,
  textLengthOf,
  type WriteContext,
  type WriteLimits,
} from "../src/interchange/practiceWriter";
import { parseValidatedPractice } from "../src/interchange/validateFile";
import { openKnowledgeBase } from "../src/storage/knowledgeBase";
import type { BenchEnvironment } from "./benchEnvironment";

const log = { info: console.error, warn: console.error };

/** The floor's figures: how long posting took (refresh included), and how much was posted. */
export interface FloorRun {
  practices: number;
  requests: number;
  bodyBytes: number;
  prepareMs: number;
  postMs: number;
}

/**
 * Prepares the bulk bodies of the file's import (as into an empty store) under `<prefix>floor-` indices, then
 * times posting them with `limits.concurrency` requests in flight and a refresh. The floor indices are deleted
 * with the bench environment's prefix.
 */
export async function measureImportFloor(
  env: BenchEnvironment,
  file: string,
  limits: WriteLimits = DEFAULT_WRITE_LIMITS,
): Promise<FloorRun> {
  const floor = await openKnowledgeBase({ ...loadConfig(process.env), INDEX_REPLICAS: 0 }, log, {
    elasticsearchUrl: env.url,
    prefix: `${env.prefix}floor-`,
  });
  try {
    const preparing = performance.now();
    const source = () => interchangeEventsOfBytes(createReadStream(file, { highWaterMark: 256 * 1024 }));
    const header = await validateInterchangeSource(env.ctx, source, "administrator");
    const result: ImportResult = {
      created: 0,
      updated: 0,
      unchanged: 0,
      taxonomy: { created: 0, updated: 0, unchanged: 0 },
      pendingEditsKept: [],
    };
    const write: WriteContext = {
      ctx: { ...env.ctx, names: floor.names },
      format: header.format,
      author: "bench",
      actor: { id: "bench", name: "bench", role: "administrator" },
      result,
    };
    // Serialized to the UTF-8 bytes they are sent as before the clock starts.
    const bodies: Buffer[] = [];
    let batch: InterchangePractice[] = [];
    let batchBytes = 0;
    const cut = () => {
      if (batch.length === 0) return;
      const operations = batchOperations(write, batch, batch.map(practiceIdOf), new Map());
      bodies.push(Buffer.from(`${operations.map((operation) => JSON.stringify(operation)).join("\n")}\n`));
      batch = [];
      batchBytes = 0;
    };
    for await (const event of source()) {
      if (event.kind !== "practice") continue;
      const practice = parseValidatedPractice(header.format, event.value);
      batch.push(practice);
      batchBytes += textLengthOf(practice);
      if (batch.length >= limits.batchSize || batchBytes >= limits.batchBytes) cut();
    }
    cut();
    const prepareMs = performance.now() - preparing;

    const posting = performance.now();
    let next = 0;
    const postInTurn = async () => {
      for (let body = bodies[next++]; body; body = bodies[next++]) {
        const response = (await floor.es.transport.request({ method: "POST", path: "/_bulk", bulkBody: body })) as {
          errors: boolean;
          items: unknown[];
        };
        if (response.errors) throw new Error(`floor bulk refused: ${JSON.stringify(response.items[0]).slice(0, 300)}`);
      }
    };
    await Promise.all(Array.from({ length: limits.concurrency }, postInTurn));
    await floor.es.indices.refresh({ index: floor.names.practices });
    const postMs = performance.now() - posting;
    const stored = await floor.es.count({ index: floor.names.practices });
    if (stored.count !== result.created) throw new Error(`floor stored ${stored.count} of ${result.created}`);
    return {
      practices: result.created,
      requests: bodies.length,
      bodyBytes: bodies.reduce((sum, body) => sum + body.length, 0),
      prepareMs,
      postMs,
    };
  } finally {
    await floor.close();
  }
}
