import type { ApiToken, User } from "@practice-kb/shared";
import type { TokenDocument } from "./tokens";
import type { UserDocument } from "./users";

/** The only path from a stored account to JSON: never the password hash. */
export function presentUser(user: UserDocument): User {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    active: user.active,
    createdAt: user.createdAt,
    lastLoginAt: user.lastLoginAt ?? null,
  };
}

/** The only path from a stored API token to JSON: never the secret's hash. */
export function presentToken(token: TokenDocument): ApiToken {
  return {
    id: token.id,
    name: token.name,
    role: token.role,
    createdAt: token.createdAt,
    createdBy: token.createdBy,
    lastUsedAt: token.lastUsedAt ?? null,
    revokedAt: token.revokedAt ?? null,
  };
}
