import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { apiErrorSchema } from "@practice-kb/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  BACKED_UP_INDICES,
  BackupFileError,
  backupLines,
  readBackupLines,
  restoreBackup,
  validateBackup,
} from "../../../interchange/backup";
import { invalidBackup } from "../../../lib/errors";

const NDJSON = "application/x-ndjson";
const countsSchema = z.object(Object.fromEntries(BACKED_UP_INDICES.map((index) => [index, z.number().int()])));

/** Backup and restore of the whole installation (administrators only): see docs/deployment.md. */
const backupRoutes: FastifyPluginAsyncZod = async (app) => {
  // The body stays a stream: the route spools it to a file, so a large backup is never held in memory.
  app.addContentTypeParser(NDJSON, (_request, payload, done) => done(null, payload));

  app.get(
    "/backup",
    {
      config: { access: "administrator" },
      schema: {
        tags: ["backup"],
        summary:
          "Download a backup of the installation (practices with every revision, taxonomy, synonyms, users, tokens)",
        description: `NDJSON (${NDJSON}): a header line, one line per document, a closing line with the counts.`,
        produces: [NDJSON],
      },
    },
    async (_request, reply) => {
      const date = new Date().toISOString().slice(0, 10);
      return reply
        .header("content-disposition", `attachment; filename="practice-kb-backup-${date}.ndjson"`)
        .type(NDJSON)
        .send(Readable.from(backupLines(app.kb)));
    },
  );

  app.post(
    "/restore",
    {
      config: { access: "administrator" },
      schema: {
        tags: ["backup"],
        summary: "Replace the whole installation with a backup (checked whole first; sessions end)",
        consumes: [NDJSON],
        response: {
          200: z.object({ restored: countsSchema }),
          400: apiErrorSchema,
          401: apiErrorSchema,
          403: apiErrorSchema,
        },
      },
    },
    async (request) => {
      if (!(request.body instanceof Readable)) {
        throw invalidBackup(`Send the backup file as ${NDJSON}`);
      }
      const folder = await mkdtemp(path.join(tmpdir(), "practice-kb-restore-"));
      const file = path.join(folder, "backup.ndjson");
      try {
        await pipeline(request.body, createWriteStream(file));
        try {
          await validateBackup(readBackupLines(file));
        } catch (error) {
          if (error instanceof BackupFileError) throw invalidBackup(error.message);
          throw error;
        }
        const restored = await restoreBackup(app.kb, readBackupLines(file));
        app.synonyms.invalidate();
        return { restored };
      } finally {
        await rm(folder, { recursive: true, force: true });
      }
    },
  );
};
export default backupRoutes;
