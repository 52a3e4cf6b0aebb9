import { createReadStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { apiErrorSchema, FORMAT_V2, importResultSchema, interchangeJsonSchema } from "@practice-kb/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { exportedFileText } from "../../../interchange/exportFile";
import { ImportValidationError, importInterchangeSource } from "../../../interchange/importFile";
import { interchangeEventsOfBytes } from "../../../interchange/interchangeEvents";
import { ApiError, invalidImportFile } from "../../../lib/errors";
import { spoolWithLimit } from "../../../lib/spool";
import { actorOf } from "../../../plugins/app/auth";

/**
 * What an import body may weigh: a 100,000-practice file from bench/generatePractices.ts is 194 MB (about
 * 1.9 KB a practice), the export of those practices (with `meta`, indented) 267 MB; 320 MB leaves some room.
 * The body is spooled to a temporary file and read entry by entry, so its size costs disk, not memory.
 */
export const IMPORT_BODY_LIMIT = 320 * 1024 * 1024;

/** 413 for an import body over IMPORT_BODY_LIMIT. */
const importTooLarge = () =>
  new ApiError(413, "payload_too_large", `An import file may be at most ${IMPORT_BODY_LIMIT / 1024 / 1024} MB`);

/** Import and export of practice-kb/v1 files, and the published JSON Schema. */
const interchangeRoutes: FastifyPluginAsyncZod = async (app) => {
  // In this plugin only (the import is its one route with a body), JSON bodies stay streams: the import spools
  // the body to a file and reads it entry by entry, so a large or hostile body is never parsed whole in memory.
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", (_request, payload, done) => done(null, payload));

  app.post(
    "/import",
    {
      bodyLimit: IMPORT_BODY_LIMIT,
      config: { access: "curator" },
      schema: {
        tags: ["import-export"],
        summary: "Import a practice-kb/v1 or v2 file (validated whole first; curators and administrators only)",
        description:
          `At most ${IMPORT_BODY_LIMIT / 1024 / 1024} MB. An invalid file writes nothing and answers 400 with the ` +
          "first 1,000 problems and their total count (problemCount).",
        body: z.unknown(),
        response: {
          200: importResultSchema,
          400: apiErrorSchema,
          401: apiErrorSchema,
          403: apiErrorSchema,
          413: apiErrorSchema,
        },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      if (Number(request.headers["content-length"] ?? 0) > IMPORT_BODY_LIMIT) throw importTooLarge();
      if (!(request.body instanceof Readable))
        throw invalidImportFile([
          { entry: "file", index: null, id: null, field: "(file)", reason: "send the file as application/json" },
        ]);
      const folder = await mkdtemp(path.join(tmpdir(), "practice-kb-import-"));
      const file = path.join(folder, "import.json");
      try {
        if (!(await spoolWithLimit(request.body, file, IMPORT_BODY_LIMIT))) throw importTooLarge();
        const source = () => interchangeEventsOfBytes(createReadStream(file, { highWaterMark: 256 * 1024 }));
        return await importInterchangeSource(app.kb, source, { role: actor.role, author: actor.id, actor });
      } catch (error) {
        if (error instanceof ImportValidationError) throw invalidImportFile(error.problems, error.problemCount);
        throw error;
      } finally {
        await rm(folder, { recursive: true, force: true });
      }
    },
  );

  app.get(
    "/export",
    {
      config: { access: "curator" },
      schema: { tags: ["import-export"], summary: "Export every practice as a practice-kb/v1 file" },
    },
    async (_request, reply) => {
      const date = new Date().toISOString().slice(0, 10);
      // Streamed page by page: an export of a whole network's base is never built in memory.
      return reply
        .header("content-disposition", `attachment; filename="practice-kb-${date}.json"`)
        .type("application/json")
        .send(Readable.from(exportedFileText(app.kb)));
    },
  );

  app.get(
    "/schema/practice-kb-v1.json",
    {
      config: { access: "staff" },
      schema: {
        tags: ["import-export"],
        summary: "The JSON Schema of the practice-kb/v1 format",
        produces: ["application/schema+json"],
      },
    },
    async (_request, reply) => reply.type("application/schema+json").send(interchangeJsonSchema()),
  );

  app.get(
    "/schema/practice-kb-v2.json",
    {
      config: { access: "staff" },
      schema: {
        tags: ["import-export"],
        summary: "The JSON Schema of the practice-kb/v2 format (v1 plus translation links; what export writes)",
        produces: ["application/schema+json"],
      },
    },
    async (_request, reply) => reply.type("application/schema+json").send(interchangeJsonSchema(FORMAT_V2)),
  );
};
export default interchangeRoutes;
