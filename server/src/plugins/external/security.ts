import fp from "fastify-plugin";
import helmet from "helmet";

/**
 * Security headers; the SPA is served from the same origin and needs no inline scripts. Helmet's
 * middleware is built once here: @fastify/helmet rebuilt it (parsing the CSP) on every request.
 */
export default fp(
  async (app) => {
    const applySecurityHeaders = helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", "data:"],
          connectSrc: ["'self'"],
        },
      },
    });
    app.addHook("onRequest", (request, reply, next) => {
      applySecurityHeaders(request.raw, reply.raw, (error?: unknown) => next(error as Error | undefined));
    });
  },
  { name: "security-headers" },
);
