import { SEARCH_SESSION_HEADER, searchSessionIdSchema } from "@practice-kb/shared/insights";
import type { FastifyRequest } from "fastify";
import { z } from "zod";

/**
 * The search-session header as the OpenAPI document shows it. Any value is accepted: a malformed id
 * makes the search count on its own, it never fails the search.
 */
export const searchSessionHeaders = z.looseObject({
  [SEARCH_SESSION_HEADER]: z
    .string()
    .optional()
    .describe(
      "the desk's search-session id (8-64 letters, digits, '-', '_'): searches of one session count once, as " +
        "the last query; without it each search counts on its own",
    ),
});

/** The request's search-session id, when it sent a well-formed one. */
export function searchSessionOf(request: FastifyRequest): string | undefined {
  const value = request.headers[SEARCH_SESSION_HEADER];
  return typeof value === "string" && searchSessionIdSchema.safeParse(value).success ? value : undefined;
}
