import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, gzipSync, constants as zlibConstants } from "node:zlib";
import react from "@vitejs/plugin-react";
import { defineConfig, type HtmlTagDescriptor, type Plugin, type Rollup } from "vite";

const COMPRESSIBLE = /\.(?:js|css|html|svg|json)$/;

/**
 * Writes a brotli (.br) and a gzip (.gz) copy next to every text file of the build, which the server
 * sends as they are (@fastify/static preCompressed): a phone on a slow line downloads a quarter of the bytes.
 */
function precompressBuild(): Plugin {
  let outDir = "dist";
  return {
    name: "practice-kb:precompress",
    apply: "build",
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      for (const entry of readdirSync(outDir, { recursive: true, withFileTypes: true })) {
        if (!entry.isFile() || !COMPRESSIBLE.test(entry.name)) continue;
        const file = path.join(entry.parentPath, entry.name);
        const content = readFileSync(file);
        const brotli = brotliCompressSync(content, {
          params: {
            [zlibConstants.BROTLI_PARAM_QUALITY]: zlibConstants.BROTLI_MAX_QUALITY,
            [zlibConstants.BROTLI_PARAM_SIZE_HINT]: content.length,
          },
        });
        const gzip = gzipSync(content, { level: 9 });
        // A tiny file may grow when compressed; then the plain file is the better answer.
        if (brotli.length < content.length) writeFileSync(`${file}.br`, brotli);
        if (gzip.length < content.length) writeFileSync(`${file}.gz`, gzip);
      }
    },
  };
}

/**
 * The boot script (src/main.tsx) imports the app dynamically (src/app/start.tsx, which imports
 * src/app/app.tsx in turn), so that it can send the first search before the app has downloaded; these
 * modulepreload links in index.html have the browser download the app alongside the boot script
 * instead of after it.
 */
function preloadApp(appModules: string[]): Plugin {
  let base = "/";
  return {
    name: "practice-kb:preload-app",
    apply: "build",
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml: {
      order: "post",
      handler(_html, { bundle, chunk: entry }) {
        if (!bundle || !entry) return [];
        const chunks = Object.values(bundle).filter((output): output is Rollup.OutputChunk => output.type === "chunk");
        // The app's chunks and everything they import statically; the entry's own imports are preloaded already.
        const files = new Set<string>();
        const visit = (fileName: string) => {
          if (files.has(fileName) || fileName === entry.fileName || entry.imports.includes(fileName)) return;
          files.add(fileName);
          for (const imported of chunks.find((chunk) => chunk.fileName === fileName)?.imports ?? []) visit(imported);
        };
        for (const appModule of appModules) {
          const app = chunks.find((chunk) => chunk.facadeModuleId === appModule);
          if (!app) throw new Error(`no chunk for ${appModule}`);
          visit(app.fileName);
        }
        return [...files].map(
          (fileName): HtmlTagDescriptor => ({
            tag: "link",
            attrs: { rel: "modulepreload", crossorigin: true, href: `${base}${fileName}` },
            injectTo: "head",
          }),
        );
      },
    },
  };
}

// The API is served by the Fastify server on the same origin in production; in dev we proxy to it.
export default defineConfig({
  plugins: [
    react(),
    preloadApp(
      ["./src/app/start.tsx", "./src/app/app.tsx"].map((module) => fileURLToPath(new URL(module, import.meta.url))),
    ),
    precompressBuild(),
  ],
  resolve: {
    alias: { "@": fileURLToPath(new URL("./src", import.meta.url)) },
  },
  server: {
    proxy: { "/api": "http://127.0.0.1:3000" },
  },
  build: {
    target: "es2022",
    sourcemap: false,
  },
});
