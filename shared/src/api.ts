import { z } from "zod";

/** The error body every failing API call returns. */
export const apiErrorSchema = z.object({
  statusCode: z.number().int(),
  error: z.string().describe("stable machine-readable id, e.g. validation_error"),
  message: z.string(),
  problems: z.array(z.unknown()).optional(),
  problemCount: z
    .number()
    .int()
    .optional()
    .describe("how many problems there are in all; `problems` lists at most the first 1,000 (an import file's)"),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

/** Desk search recording (issue 14) as /api/health reports it: events waiting, written, and dropped rather than delay the desk. */
export const analyticsHealthSchema = z.object({
  status: z.enum(["on", "off"]),
  buffered: z.number().int(),
  written: z.number().int(),
  dropped: z.number().int().describe("events dropped because Elasticsearch was slow, failing or refused them"),
});
export type AnalyticsHealth = z.infer<typeof analyticsHealthSchema>;

export const healthSchema = z.object({
  status: z.enum(["ok", "degraded", "down"]),
  version: z.string(),
  elasticsearch: z.object({ status: z.string(), reachable: z.boolean() }),
  // Search by meaning: "degraded" while the embeddings service is down or failing (search is then word-only).
  embeddings: z.object({
    status: z.enum(["ok", "degraded", "off"]),
    model: z.string().nullable(),
    pending: z.number().int().describe("practices still waiting for their vector"),
    embedded: z.number().int(),
    perSecond: z.number().optional().describe("practices embedded per second lately (while some are pending)"),
    etaSeconds: z.number().int().optional().describe("estimated seconds until every practice is searchable by meaning"),
    error: z.string().optional(),
  }),
  // The local Elasticsearch the app runs and restarts when it dies or stops answering; absent for an external cluster.
  engine: z
    .object({
      state: z.enum(["running", "unresponsive", "restarting", "stopped"]),
      restarts: z.number().int().describe("times the app brought its local Elasticsearch back since it started"),
      lastRestartAt: z.string().optional(),
      error: z.string().optional().describe("why the last restart attempt failed, while it is still down"),
    })
    .optional(),
  analytics: analyticsHealthSchema.optional(),
});
export type Health = z.infer<typeof healthSchema>;

/** A zod issue message as a person should read it ("is required" rather than "expected string, received undefined"). */
export function readableIssueMessage(message: string): string {
  return /received undefined$/.test(message) ? "is required" : message;
}
