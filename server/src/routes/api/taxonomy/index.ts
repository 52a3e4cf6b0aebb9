import {
  apiErrorSchema,
  taxonomyEntryCreateInputSchema,
  taxonomyEntrySchema,
  taxonomyEntryUpdateInputSchema,
  taxonomyKindSchema,
  taxonomyMergeInputSchema,
  taxonomyMergeResultSchema,
  taxonomySchema,
} from "@practice-kb/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../../../plugins/app/auth";
import { loadTaxonomy } from "../../../taxonomy/commands";
import { countUsage, createEntry, deleteEntry, mergeEntry, updateEntryLabels } from "../../../taxonomy/manage";

const kindParams = z.object({ kind: taxonomyKindSchema });
const entryParams = kindParams.extend({ id: z.string().min(1).max(60) });
const errors = {
  400: apiErrorSchema,
  401: apiErrorSchema,
  403: apiErrorSchema,
  404: apiErrorSchema,
  409: apiErrorSchema,
};

/** Situation types, channels and audiences: everyone reads them, curators keep them. */
const taxonomyRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/taxonomy",
    {
      config: { access: "staff" },
      schema: {
        tags: ["taxonomy"],
        summary: "Situation types, channels and audiences with labels in every UI language",
        response: { 200: taxonomySchema },
      },
    },
    async () => loadTaxonomy(app.kb),
  );

  app.get(
    "/taxonomy/:kind/:id/usage",
    {
      config: { access: "staff" },
      schema: {
        tags: ["taxonomy"],
        summary: "How many practices use an entry",
        params: entryParams,
        response: { 200: z.object({ count: z.number().int() }), ...errors },
      },
    },
    async (request) => ({ count: await countUsage(app.kb, request.params.kind, request.params.id) }),
  );

  app.post(
    "/taxonomy/:kind",
    {
      config: { access: "curator" },
      schema: {
        tags: ["taxonomy"],
        summary: "Add an entry (English label required)",
        params: kindParams,
        body: taxonomyEntryCreateInputSchema,
        response: { 201: taxonomyEntrySchema, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await createEntry(app.kb, request.params.kind, request.body)),
  );

  app.put(
    "/taxonomy/:kind/:id",
    {
      config: { access: "curator" },
      schema: {
        tags: ["taxonomy"],
        summary: "Replace the labels of an entry",
        params: entryParams,
        body: taxonomyEntryUpdateInputSchema,
        response: { 200: taxonomyEntrySchema, ...errors },
      },
    },
    async (request) => updateEntryLabels(app.kb, request.params.kind, request.params.id, request.body.labels),
  );

  app.delete(
    "/taxonomy/:kind/:id",
    {
      config: { access: "curator" },
      schema: {
        tags: ["taxonomy"],
        summary: "Delete an entry no practice uses (409 with the count otherwise; merge it instead)",
        params: entryParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await deleteEntry(app.kb, request.params.kind, request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    "/taxonomy/:kind/:id/merge",
    {
      config: { access: "curator" },
      schema: {
        tags: ["taxonomy"],
        summary: "Move every practice of this entry to another one (with revisions), then delete it",
        params: entryParams,
        body: taxonomyMergeInputSchema,
        response: { 200: taxonomyMergeResultSchema, ...errors },
      },
    },
    async (request) => mergeEntry(app.kb, actorOf(request), request.params.kind, request.params.id, request.body.into),
  );
};
export default taxonomyRoutes;
