import { z } from "zod";
import { trimmedAtLeast } from "./textRules";

/** The roles, from least to most trusted; each role may do everything the ones before it may. */
export const ROLES = ["staff", "curator", "administrator"] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/** Who did something: a person (user id) or an integration (`token:<id>`). */
export const actorSchema = z.object({ id: z.string(), name: z.string(), role: roleSchema });
export type Actor = z.infer<typeof actorSchema>;

/** True when `role` is at least `required` in the order staff < curator < administrator. */
export function roleAtLeast(role: Role, required: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(required);
}

const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, "must be at most 254 characters")
  .regex(/^[^\s@]+@[^\s@]+$/, "must be an email address");

/** Passwords: long enough to resist guessing, short enough that hashing stays cheap. */
export const passwordSchema = z
  .string()
  .min(8, "must be at least 8 characters")
  .max(200, "must be at most 200 characters");

/** An account as the API shows it (never with its password hash). */
export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  active: z.boolean(),
  createdAt: z.string(),
  lastLoginAt: z.string().nullable(),
});
export type User = z.infer<typeof userSchema>;

/** GET /api/users: every account. */
export const userListSchema = z.object({ users: z.array(userSchema) });

/** POST /api/auth/login. */
export const loginInputSchema = z.strictObject({
  email: emailSchema,
  password: z.string().min(1, "is required").max(200),
});
export type LoginInput = z.infer<typeof loginInputSchema>;

/** Who is logged in, and the token every cookie-authenticated write must send as `x-csrf-token`. */
export const sessionSchema = z.object({
  user: userSchema,
  csrfToken: z.string().nullable().describe("null for Bearer-token requests, which need no CSRF token"),
});
export type Session = z.infer<typeof sessionSchema>;

/** PUT /api/auth/password: a user changes their own password. */
export const passwordChangeInputSchema = z.strictObject({
  currentPassword: z.string().min(1, "is required").max(200),
  newPassword: passwordSchema,
});

/** A person's or a token's name: 1-120 characters once trimmed (the pattern states it in the OpenAPI document). */
const nameSchema = z
  .string()
  .trim()
  .min(1, { message: "must not be empty", abort: true })
  .max(120)
  .regex(trimmedAtLeast(1), "must not be empty");

/** POST /api/users (administrator). */
export const userCreateInputSchema = z.strictObject({
  email: emailSchema,
  name: nameSchema,
  role: roleSchema,
  password: passwordSchema,
});
export type UserCreateInput = z.infer<typeof userCreateInputSchema>;

/** PATCH /api/users/:id (administrator): rename, change role, deactivate or reactivate. */
export const userUpdateInputSchema = z.strictObject({
  name: nameSchema.optional(),
  role: roleSchema.optional(),
  active: z.boolean().optional(),
});
export type UserUpdateInput = z.infer<typeof userUpdateInputSchema>;

/** POST /api/users/:id/password (administrator): set a new password; the user's sessions end. */
export const passwordResetInputSchema = z.strictObject({ password: passwordSchema });

/** An API token for an integration, as listed (the secret is shown once, at creation). */
export const apiTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: roleSchema,
  createdAt: z.string(),
  createdBy: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiToken = z.infer<typeof apiTokenSchema>;

/** GET /api/tokens: every token, revoked ones too (never their secrets). */
export const apiTokenListSchema = z.object({ tokens: z.array(apiTokenSchema) });

/** POST /api/tokens (administrator). */
export const apiTokenCreateInputSchema = z.strictObject({
  name: nameSchema,
  role: roleSchema,
});

/** The answer to POST /api/tokens: the token record and its secret, which is never shown again. */
export const createdApiTokenSchema = z.object({
  token: apiTokenSchema,
  secret: z.string().describe("send as `Authorization: Bearer <secret>`; shown only once"),
});
export type CreatedApiToken = z.infer<typeof createdApiTokenSchema>;
