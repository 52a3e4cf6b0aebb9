import type { FastifyInstance } from "fastify";
import { serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import type { Config } from "./config";
import type { EmbeddingQueueOptions } from "./embeddings/embeddingQueue";
import type { EmbeddingsProvider } from "./embeddings/provider";
import apiNotFound from "./plugins/app/apiNotFound";
import auth from "./plugins/app/auth";
import errorHandler from "./plugins/app/errorHandler";
import insights from "./plugins/app/insights";
import knowledgeBase from "./plugins/app/knowledgeBase";
import spa from "./plugins/app/spa";
import openapi from "./plugins/external/openapi";
import security from "./plugins/external/security";
import authRoutes from "./routes/api/auth";
import backupRoutes from "./routes/api/backup";
import drillRoutes from "./routes/api/drills";
import healthRoutes, { type HealthRoutesOptions } from "./routes/api/health";
import insightRoutes from "./routes/api/insights";
import interchangeRoutes from "./routes/api/interchange";
import meRoutes from "./routes/api/me";
import practiceRoutes from "./routes/api/practices";
import reviewQueueRoutes from "./routes/api/review-queue";
import searchRoutes from "./routes/api/search";
import synonymRoutes from "./routes/api/synonyms";
import taxonomyRoutes from "./routes/api/taxonomy";
import tokenRoutes from "./routes/api/tokens";
import userRoutes from "./routes/api/users";

/** Options the app plugin needs from the process: configuration and where Elasticsearch is. */
export interface AppOptions {
  config: Config;
  elasticsearchUrl: string;
  /** Search by meaning: the provider from provideEmbeddings; none or null = word search only. */
  embeddings?: EmbeddingsProvider | null;
  embeddingQueue?: EmbeddingQueueOptions;
  /** The watchdog's view of the local Elasticsearch, shown by /api/health (server.ts); absent for an external cluster. */
  engineStatus?: HealthRoutesOptions["engineStatus"];
}

/** The whole application as one plugin: external plugins, app plugins, then routes. */
export default async function app(fastify: FastifyInstance, options: AppOptions): Promise<void> {
  fastify.setValidatorCompiler(validatorCompiler);
  fastify.setSerializerCompiler(serializerCompiler);

  await fastify.register(security);
  await fastify.register(openapi);

  await fastify.register(errorHandler);
  await fastify.register(knowledgeBase, {
    config: options.config,
    elasticsearchUrl: options.elasticsearchUrl,
    embeddings: options.embeddings,
    embeddingQueue: options.embeddingQueue,
  });
  await fastify.register(insights, { config: options.config });
  await fastify.register(auth, { config: options.config });
  await fastify.register(spa, { distDir: options.config.CLIENT_DIST });

  await fastify.register(
    async (api) => {
      await api.register(healthRoutes, { engineStatus: options.engineStatus });
      await api.register(searchRoutes);
      await api.register(taxonomyRoutes);
      await api.register(practiceRoutes);
      await api.register(interchangeRoutes);
      await api.register(backupRoutes);
      await api.register(synonymRoutes);
      await api.register(authRoutes);
      await api.register(userRoutes);
      await api.register(tokenRoutes);
      await api.register(reviewQueueRoutes);
      await api.register(meRoutes);
      await api.register(insightRoutes);
      await api.register(drillRoutes);
      // last: it reads the routes registered above
      await api.register(apiNotFound);
    },
    { prefix: "/api" },
  );
}
