import { existsSync } from "node:fs";
import path from "node:path";
import fastifyStatic, { type SetHeadersResponse } from "@fastify/static";
import fp from "fastify-plugin";

// Vite names every file under assets/ by its content hash, so a browser may keep it for good; a new
// build has new names. index.html (and anything else unhashed) is checked again on every visit.
const HASHED_ASSET = /[\\/]assets[\\/][^\\/]+-[\w-]{8}\.\w+(?:\.(?:br|gz))?$/;
const IMMUTABLE = "public, max-age=31536000, immutable";
const REVALIDATE = "no-cache";

function setCacheHeaders(response: SetHeadersResponse, filePath: string): void {
  response.setHeader("Cache-Control", HASHED_ASSET.test(filePath) ? IMMUTABLE : REVALIDATE);
  // The same URL is answered as brotli, gzip or plain text depending on what the browser accepts.
  response.setHeader("Vary", "Accept-Encoding");
}

/** Serves the built single-page app; every non-API GET falls back to index.html so client routes work on reload. */
export default fp<{ distDir: string }>(
  async (app, { distDir }) => {
    const hasClient = existsSync(path.join(distDir, "index.html"));
    if (hasClient) {
      // wildcard: files are looked up per request, so a rebuilt client is served without a restart.
      // preCompressed: the build writes .br and .gz next to each text file (client/vite.config.ts),
      // so they are sent compressed without compressing on every request.
      await app.register(fastifyStatic, {
        root: distDir,
        wildcard: true,
        index: ["index.html"],
        preCompressed: true,
        cacheControl: false,
        setHeaders: setCacheHeaders,
      });
    } else {
      app.log.warn(`no built client in ${distDir}: run "npm run build" to serve the app`);
    }
    app.setNotFoundHandler((request, reply) => {
      const pathname = request.url.split("?")[0] ?? "";
      // A missing file (an old /assets/x.js) is a 404, not the app's page; client routes have no extension.
      const looksLikeFile = /\.[a-z0-9]+$/i.test(pathname);
      const isPage = request.method === "GET" && !pathname.startsWith("/api/") && pathname !== "/api" && !looksLikeFile;
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
