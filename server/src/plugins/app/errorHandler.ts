import { readableIssueMessage } from "@practice-kb/shared";
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { ApiError, searchUnavailable } from "../../lib/errors";
import { hasStatus, isEngineUnavailable } from "../../storage/elasticsearch";
import { answerUnroutedApiRequest } from "./apiNotFound";

const isApiPath = (url: string) => url === "/api" || url.startsWith("/api/") || url.startsWith("/api?");

/**
 * Fastify's own refusals before routing (an undecodable path; a path parameter longer than maxParamLength,
 * which it answers 414), as the 400 of the API's error shape: a path parameter breaks a rule like any other.
 */
export function frameworkErrorReply(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  reply.code(400).send({ statusCode: 400, error: error.code.toLowerCase(), message: error.message });
}

/** The central error handler: clear 4xx bodies with stable ids; 5xx details go to the log, never to the client. */
export default fp(
  async (app) => {
    app.setErrorHandler((error, request, reply) => {
      // A request no route takes is answered 404 or 405 whatever its body: a body the router would not
      // have read (a QUERY without a content type, an unknown media type) must not turn that into a 400 or 415.
      if (request.is404 && isApiPath(request.url) && (error as FastifyError).code?.startsWith("FST_ERR_")) {
        return answerUnroutedApiRequest(app, request, reply);
      }
      if (hasZodFastifySchemaValidationErrors(error)) {
        const problems = error.validation.map((issue) => ({
          path:
            issue.instancePath.replace(/^\//, "").replaceAll("/", ".") ||
            (issue.params as { issue?: { path?: unknown[] } })?.issue?.path?.join(".") ||
            "",
          message: readableIssueMessage(issue.message ?? "invalid"),
        }));
        const where = error.validationContext ?? "request";
        const summary = problems.map((problem) => `${problem.path || where}: ${problem.message}`).join("; ");
        return reply
          .code(400)
          .send({ statusCode: 400, error: "validation_error", message: `Invalid ${where}: ${summary}`, problems });
      }
      if (error instanceof ApiError) {
        return reply.code(error.statusCode).send({
          statusCode: error.statusCode,
          error: error.id,
          message: error.message,
          ...(error.problems ? { problems: error.problems } : {}),
          ...(error.problemCount !== undefined ? { problemCount: error.problemCount } : {}),
        });
      }
      if (hasStatus(error, 404)) {
        return reply.code(404).send({ statusCode: 404, error: "not_found", message: "Not found" });
      }
      if (isEngineUnavailable(error)) {
        // One line, not the client's whole error with its request: a frozen engine makes many of these.
        request.log.warn(`search engine unavailable: ${(error as Error).message}`);
        const unavailable = searchUnavailable();
        return reply.code(503).send({ statusCode: 503, error: unavailable.id, message: unavailable.message });
      }
      const statusCode = (error as { statusCode?: number }).statusCode ?? 500;
      if (statusCode >= 400 && statusCode < 500) {
        // Fastify's own client errors: malformed JSON, body too large, unsupported media type.
        const code = (error as { code?: string }).code ?? "bad_request";
        return reply
          .code(statusCode)
          .send({ statusCode, error: code.toLowerCase(), message: (error as Error).message });
      }
      request.log.error({ err: error }, "unhandled error");
      return reply
        .code(500)
        .send({ statusCode: 500, error: "internal_error", message: "Something went wrong on our side" });
    });
  },
  { name: "error-handler" },
);
