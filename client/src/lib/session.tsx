import { type Role, roleAtLeast, type User } from "@practice-kb/shared";
import { createContext, type ReactNode, useContext } from "react";
import { ApiError } from "./api-client";

const SessionContext = createContext<User | null>(null);

/** Makes the logged-in user (loaded by the root route) available to every page. */
export function SessionProvider({ user, children }: { user: User | null; children: ReactNode }) {
  return <SessionContext.Provider value={user}>{children}</SessionContext.Provider>;
}

/** The logged-in user, or null on the login page. */
export function useCurrentUser(): User | null {
  return useContext(SessionContext);
}

/** True when the logged-in user's role is at least `role` (the server checks every request anyway). */
export function useHasRole(role: Role): boolean {
  const user = useCurrentUser();
  return user !== null && roleAtLeast(user.role, role);
}

/**
 * For pages of a role (the taxonomy page reads what every user may read): shows the route's
 * "not for your role" page to anyone below it, as the server would refuse their changes anyway.
 */
export function useRequireRole(role: Role): void {
  if (!useHasRole(role)) throw new ApiError(403, "forbidden", `This page is for the ${role} role`);
}
