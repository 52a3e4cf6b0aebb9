import { existsSync } from "node:fs";
import path from "node:path";
import fastifyStatic from "@fastify/static";
import fp from "fastify-plugin";

/** Serves the built single-page app; every non-API GET falls back to index.html so client routes work on reload. */
export default fp<{ distDir: string }>(
  async (app, { distDir }) => {
    const hasClient = existsSync(path.join(distDir, "index.html"));
    if (hasClient) {
      await app.register(fastifyStatic, { root: distDir, wildcard: false, index: ["index.html"] });
    } else {
      app.log.warn(`no built client in ${distDir}: run "npm run build" to serve the app`);
    }
    app.setNotFoundHandler((request, reply) => {
      const isPage = request.method === "GET" && !request.url.startsWith("/api/") && request.url !== "/api";
      if (isPage && hasClient) return reply.type("text/html").sendFile("index.html");
      return reply.code(404).send({
        statusCode: 404,
        error: "not_found",
        message: `No route ${request.method} ${request.url.split("?")[0]}`,
      });
    });
  },
  { name: "spa" },
);
