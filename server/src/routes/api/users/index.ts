import {
  apiErrorSchema,
  passwordResetInputSchema,
  userCreateInputSchema,
  userListSchema,
  userSchema,
  userUpdateInputSchema,
} from "@practice-kb/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { presentUser } from "../../../accounts/presenter";
import { createUser, listUsers, setPassword, updateUser } from "../../../accounts/users";

const idParams = z.object({ id: z.string().min(1).max(100) });
const errors = { 400: apiErrorSchema, 401: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema };

/** Accounts (administrator): list, create, rename, set role, deactivate or reactivate, reset password. */
const userRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/users",
    {
      config: { access: "administrator" },
      schema: {
        tags: ["users"],
        summary: "Every account",
        response: { 200: userListSchema },
      },
    },
    async () => ({ users: (await listUsers(app.kb)).map(presentUser) }),
  );

  app.post(
    "/users",
    {
      config: { access: "administrator" },
      schema: {
        tags: ["users"],
        summary: "Create an account with a first password",
        body: userCreateInputSchema,
        response: { 201: userSchema, ...errors, 409: apiErrorSchema },
      },
    },
    async (request, reply) => reply.code(201).send(presentUser(await createUser(app.kb, request.body))),
  );

  app.patch(
    "/users/:id",
    {
      config: { access: "administrator" },
      schema: {
        tags: ["users"],
        summary: "Rename, set the role, deactivate (ends its sessions) or reactivate an account",
        params: idParams,
        body: userUpdateInputSchema,
        response: { 200: userSchema, ...errors, 409: apiErrorSchema },
      },
    },
    async (request) => presentUser(await updateUser(app.kb, request.params.id, request.body)),
  );

  app.post(
    "/users/:id/password",
    {
      config: { access: "administrator" },
      schema: {
        tags: ["users"],
        summary: "Set a new password for an account; its sessions end",
        params: idParams,
        body: passwordResetInputSchema,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await setPassword(app.kb, request.params.id, request.body.password);
      return reply.code(204).send(null);
    },
  );
};
export default userRoutes;
