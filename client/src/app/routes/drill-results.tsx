import { type LoaderFunctionArgs, useLoaderData } from "react-router";
import { getSetResults } from "@/features/drills/api/get-set-results";
import { SetResultsPage } from "@/features/drills/components/set-results-page";
import { useRequireRole } from "@/lib/session";

/** A set's ratings and counts (team leads). */
export async function loader({ params, request }: LoaderFunctionArgs) {
  return { results: await getSetResults(params.setId ?? "", request.signal) };
}

/** A set's results for the team lead (curators and administrators). */
export function Component() {
  useRequireRole("curator");
  return <SetResultsPage results={useLoaderData<typeof loader>().results} />;
}
