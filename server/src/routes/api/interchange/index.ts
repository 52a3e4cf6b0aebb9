import { apiErrorSchema, FORMAT_V2, importResultSchema, interchangeJsonSchema } from "@practice-kb/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { exportInterchangeFile } from "../../../interchange/exportFile";
import { ImportValidationError, importInterchangeFile } from "../../../interchange/importFile";
import { invalidImportFile } from "../../../lib/errors";
import { actorOf } from "../../../plugins/app/auth";

/** A 10,000-practice file is about 20 MB; leave room for long texts. */
const IMPORT_BODY_LIMIT = 200 * 1024 * 1024;

/** Import and export of practice-kb/v1 files, and the published JSON Schema. */
const interchangeRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    "/import",
    {
      bodyLimit: IMPORT_BODY_LIMIT,
      config: { access: "curator" },
      schema: {
        tags: ["import-export"],
        summary: "Import a practice-kb/v1 file (validated whole first; curators and administrators only)",
        body: z.unknown(),
        response: { 200: importResultSchema, 400: apiErrorSchema, 401: apiErrorSchema, 403: apiErrorSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      try {
        return await importInterchangeFile(app.kb, request.body, { role: actor.role, author: actor.id, actor });
      } catch (error) {
        if (error instanceof ImportValidationError) throw invalidImportFile(error.problems);
        throw error;
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
      const file = await exportInterchangeFile(app.kb);
      const date = new Date().toISOString().slice(0, 10);
      return reply
        .header("content-disposition", `attachment; filename="practice-kb-${date}.json"`)
        .type("application/json")
        .send(JSON.stringify(file, null, 2));
    },
  );

  app.get(
    "/schema/practice-kb-v1.json",
    {
      config: { access: "staff" },
      schema: { tags: ["import-export"], summary: "The JSON Schema of the practice-kb/v1 format" },
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
      },
    },
    async (_request, reply) => reply.type("application/schema+json").send(interchangeJsonSchema(FORMAT_V2)),
  );
};
export default interchangeRoutes;
