import {
  apiErrorSchema,
  apiTokenCreateInputSchema,
  apiTokenListSchema,
  apiTokenSchema,
  createdApiTokenSchema,
} from "@practice-kb/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { presentToken } from "../../../accounts/presenter";
import { createToken, listTokens, revokeToken } from "../../../accounts/tokens";
import { actorOf } from "../../../plugins/app/auth";

const errors = { 400: apiErrorSchema, 401: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema };

/** API tokens for integrations (administrator): created for a role, shown once, stored hashed, revocable. */
const tokenRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/tokens",
    {
      config: { access: "administrator" },
      schema: {
        tags: ["tokens"],
        summary: "Every API token, revoked ones too (never their secrets)",
        response: { 200: apiTokenListSchema },
      },
    },
    async () => ({ tokens: (await listTokens(app.kb)).map(presentToken) }),
  );

  app.post(
    "/tokens",
    {
      config: { access: "administrator" },
      schema: {
        tags: ["tokens"],
        summary: "Create a token for a role; the secret is in this answer only",
        body: apiTokenCreateInputSchema,
        response: { 201: createdApiTokenSchema, ...errors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { token, secret } = await createToken(app.kb, request.body, actor);
      return reply.code(201).send({ token: presentToken(token), secret });
    },
  );

  app.delete(
    "/tokens/:id",
    {
      config: { access: "administrator" },
      schema: {
        tags: ["tokens"],
        summary: "Revoke a token at once",
        params: z.object({ id: z.string().min(1).max(100) }),
        response: { 200: apiTokenSchema, ...errors },
      },
    },
    async (request) => presentToken(await revokeToken(app.kb, request.params.id)),
  );
};
export default tokenRoutes;
