import {
  apiErrorSchema,
  synonymGroupInputSchema,
  synonymGroupListSchema,
  synonymGroupSchema,
} from "@practice-kb/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { synonymGroupNotFound } from "../../../lib/errors";

const idParams = z.object({ id: z.string().min(1).max(100) });
const errors = { 400: apiErrorSchema, 401: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema };

/** Curator-managed synonym groups; a change applies to the next search, with no reindexing. */
const synonymRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/synonyms",
    {
      config: { access: "staff" },
      schema: {
        tags: ["synonyms"],
        summary: "Every synonym group",
        response: { 200: synonymGroupListSchema },
      },
    },
    async () => ({
      groups: (await app.synonyms.current()).map(({ id, terms, common }) => ({ id, terms, common })),
    }),
  );

  app.post(
    "/synonyms",
    {
      config: { access: "curator" },
      schema: {
        tags: ["synonyms"],
        summary: "Add a group of words that mean the same",
        body: synonymGroupInputSchema,
        response: { 201: synonymGroupSchema, ...errors },
      },
    },
    async (request, reply) => {
      const response = await app.kb.es.index({
        index: app.kb.names.synonyms,
        document: { terms: request.body.terms, updatedAt: new Date().toISOString() },
        refresh: "wait_for",
      });
      app.synonyms.invalidate();
      return reply.code(201).send({ id: response._id, terms: request.body.terms });
    },
  );

  app.put(
    "/synonyms/:id",
    {
      config: { access: "curator" },
      schema: {
        tags: ["synonyms"],
        summary: "Replace the terms of a group",
        params: idParams,
        body: synonymGroupInputSchema,
        response: { 200: synonymGroupSchema, ...errors },
      },
    },
    async (request) => {
      const exists = await app.kb.es.exists({ index: app.kb.names.synonyms, id: request.params.id });
      if (!exists) throw synonymGroupNotFound(request.params.id);
      await app.kb.es.index({
        index: app.kb.names.synonyms,
        id: request.params.id,
        document: { terms: request.body.terms, updatedAt: new Date().toISOString() },
        refresh: "wait_for",
      });
      app.synonyms.invalidate();
      return { id: request.params.id, terms: request.body.terms };
    },
  );

  app.delete(
    "/synonyms/:id",
    {
      config: { access: "curator" },
      schema: {
        tags: ["synonyms"],
        summary: "Delete a group",
        params: idParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      const exists = await app.kb.es.exists({ index: app.kb.names.synonyms, id: request.params.id });
      if (!exists) throw synonymGroupNotFound(request.params.id);
      await app.kb.es.delete({ index: app.kb.names.synonyms, id: request.params.id, refresh: "wait_for" });
      app.synonyms.invalidate();
      return reply.code(204).send(null);
    },
  );
};
export default synonymRoutes;
