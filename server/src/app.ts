import type { FastifyInstance } from "fastify";
import { serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import type { Config } from "./config";
import errorHandler from "./plugins/app/errorHandler";
import knowledgeBase from "./plugins/app/knowledgeBase";
import spa from "./plugins/app/spa";
import openapi from "./plugins/external/openapi";
import security from "./plugins/external/security";
import healthRoutes from "./routes/api/health";
import interchangeRoutes from "./routes/api/interchange";
import practiceRoutes from "./routes/api/practices";
import searchRoutes from "./routes/api/search";
import synonymRoutes from "./routes/api/synonyms";
import taxonomyRoutes from "./routes/api/taxonomy";

/** Options the app plugin needs from the process: configuration and where Elasticsearch is. */
export interface AppOptions {
  config: Config;
  elasticsearchUrl: string;
}

/** The whole application as one plugin: external plugins, app plugins, then routes. */
export default async function app(fastify: FastifyInstance, options: AppOptions): Promise<void> {
  fastify.setValidatorCompiler(validatorCompiler);
  fastify.setSerializerCompiler(serializerCompiler);

  await fastify.register(security);
  await fastify.register(openapi);

  await fastify.register(errorHandler);
  await fastify.register(knowledgeBase, { config: options.config, elasticsearchUrl: options.elasticsearchUrl });
  await fastify.register(spa, { distDir: options.config.CLIENT_DIST });

  await fastify.register(
    async (api) => {
      await api.register(healthRoutes);
      await api.register(searchRoutes);
      await api.register(taxonomyRoutes);
      await api.register(practiceRoutes);
      await api.register(interchangeRoutes);
      await api.register(synonymRoutes);
    },
    { prefix: "/api" },
  );
}
