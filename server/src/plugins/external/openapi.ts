import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import fp from "fastify-plugin";
import { jsonSchemaTransform } from "fastify-type-provider-zod";
import { APP_VERSION } from "../../version";

/** OpenAPI generated from the routes' zod schemas: /api/openapi.json, and an interactive page at /api/docs. */
export default fp(
  async (app) => {
    await app.register(swagger, {
      openapi: {
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
      // Routes open to everyone say so in the document too.
      transform: (input) => {
        const output = jsonSchemaTransform(input);
        const access = (input.route.config as { access?: string } | undefined)?.access;
        return access === "public" ? { ...output, schema: { ...output.schema, security: [] } } : output;
      },
    });
    await app.register(swaggerUi, { routePrefix: "/api/docs" });
    app.get("/api/openapi.json", { schema: { hide: true }, config: { access: "public" } }, async () => app.swagger());
  },
  { name: "openapi" },
);
