import { type ActionFunctionArgs, type LoaderFunctionArgs, useLoaderData } from "react-router";
import { getUsers } from "@/features/users/api/get-users";
import { UsersPage } from "@/features/users/components/users-page";
import { changeUsers, type UsersResult } from "@/features/users/users-action";
import { useRequireRole } from "@/lib/session";

/** Loads every account (the server answers 403 to anyone but an administrator). */
export async function loader({ request }: LoaderFunctionArgs) {
  return { users: await getUsers(request.signal) };
}

/** Creates an account, changes a role, deactivates or reactivates, or sets a new password. */
export async function action({ request }: ActionFunctionArgs): Promise<UsersResult> {
  return changeUsers(await request.formData(), request.signal);
}

/** User management (administrators; loaded lazily, with the administration strings). */
export function Component() {
  useRequireRole("administrator");
  const { users } = useLoaderData<typeof loader>();
  return <UsersPage users={users} />;
}
