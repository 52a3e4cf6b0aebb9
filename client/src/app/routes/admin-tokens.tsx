import { type ActionFunctionArgs, type LoaderFunctionArgs, useLoaderData } from "react-router";
import { getTokens } from "@/features/tokens/api/get-tokens";
import { TokensPage } from "@/features/tokens/components/tokens-page";
import { changeTokens, type TokensResult } from "@/features/tokens/tokens-action";
import { useRequireRole } from "@/lib/session";

/** Loads every API token (the server answers 403 to anyone but an administrator). */
export async function loader({ request }: LoaderFunctionArgs) {
  return { tokens: await getTokens(request.signal) };
}

/** Creates or revokes a token. */
export async function action({ request }: ActionFunctionArgs): Promise<TokensResult> {
  return changeTokens(await request.formData(), request.signal);
}

/** API tokens (administrators; loaded lazily, with the administration strings). */
export function Component() {
  useRequireRole("administrator");
  const { tokens } = useLoaderData<typeof loader>();
  return <TokensPage tokens={tokens} />;
}
