import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import fp from "fastify-plugin";
import { jsonSchemaTransform } from "fastify-type-provider-zod";
import { APP_VERSION } from "../../version";
import { withSharedResponses } from "./openapiResponses";

/**
 * A route that reads a non-JSON body itself (it declares `consumes` and no body schema, e.g. a backup
 * streamed as NDJSON) documents that body as text of its media types.
 */
function rawBodyOf(schema: Record<string, unknown>): { body?: Record<string, unknown> } {
  const consumes = schema.consumes as string[] | undefined;
  if (!consumes || schema.body) return {};
  return { body: { type: "string", description: `the file, sent as ${consumes.join(" or ")}` } };
}

/** OpenAPI generated from the routes' zod schemas: /api/openapi.json, and an interactive page at /api/docs. */
export default fp(
  async (app) => {
    await app.register(swagger, {
      openapi: {
        // 3.1: its JSON Schema can state what 3.0 cannot (a record's key pattern, `null` as a type)
        openapi: "3.1.0",
        info: { title: "Practice KB API", version: APP_VERSION, description: "Good practices for front-desk staff" },
        components: {
          securitySchemes: {
            sessionCookie: {
              type: "apiKey",
              in: "cookie",
              name: "pkb_session",
              description:
                "Set by POST /api/auth/login. Every change (POST, PUT, PATCH, DELETE) made with the cookie must " +
                "also send the header x-csrf-token with the csrfToken from GET /api/auth/session.",
            },
            bearerToken: {
              type: "http",
              scheme: "bearer",
              description: "An API token made by an administrator (POST /api/tokens); no CSRF token needed.",
            },
          },
        },
        security: [{ sessionCookie: [] }, { bearerToken: [] }],
      },
      // Every status the shared layers can answer is documented; routes open to everyone say so too.
      transform: (input) => {
        const output = jsonSchemaTransform(input);
        const access = (input.route.config as { access?: string } | undefined)?.access;
        const methods = [input.route.method].flat().map(String);
        const schema = output.schema as Record<string, unknown>;
        const produces = schema.produces as string[] | undefined;
        const response = withSharedResponses(
          { methods, url: input.url, access, produces },
          schema.response as Parameters<typeof withSharedResponses>[1],
        );
        return {
          ...output,
          schema: {
            ...schema,
            ...rawBodyOf(schema),
            response,
            ...(access === "public" ? { security: [] } : {}),
          },
        } as typeof output;
      },
    });
    await app.register(swaggerUi, { routePrefix: "/api/docs" });
    app.get("/api/openapi.json", { schema: { hide: true }, config: { access: "public" } }, async () => app.swagger());
  },
  { name: "openapi" },
);
