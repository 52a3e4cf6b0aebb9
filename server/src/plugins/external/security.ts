import helmet from "@fastify/helmet";
import fp from "fastify-plugin";

/** Security headers; the SPA is served from the same origin and needs no inline scripts. */
export default fp(
  async (app) => {
    await app.register(helmet, {
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
  },
  { name: "security-headers" },
);
