import fp from "fastify-plugin";
import helmet from "helmet";

const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", "data:"],
  connectSrc: ["'self'"],
};

/**
 * Security headers; the SPA is served from the same origin and needs no inline scripts. Helmet's
 * middleware is built once here: @fastify/helmet rebuilt it (parsing the CSP) on every request.
 * The https upgrade and HSTS go only with answers served over https: sent over plain http (a library's
 * intranet reaching the app by host name), the upgrade made the browser ask for https and show a blank page.
 */
export default fp(
  async (app) => {
    const overHttps = helmet({ contentSecurityPolicy: { directives: CSP_DIRECTIVES } });
    const overHttp = helmet({
      contentSecurityPolicy: { directives: { ...CSP_DIRECTIVES, upgradeInsecureRequests: null } },
      strictTransportSecurity: false,
    });
    app.addHook("onRequest", (request, reply, next) => {
      // request.protocol honours X-Forwarded-Proto only from a trusted proxy (TRUST_PROXY).
      const applySecurityHeaders = request.protocol === "https" ? overHttps : overHttp;
      applySecurityHeaders(request.raw, reply.raw, (error?: unknown) => next(error as Error | undefined));
    });
  },
  { name: "security-headers" },
);
