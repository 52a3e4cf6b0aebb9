import type { ActionFunctionArgs, LoaderFunctionArgs } from "react-router";
import { useLoaderData } from "react-router";
import { getDrillSets } from "@/features/drills/api/get-drill-sets";
import { getMyHistory } from "@/features/drills/api/get-my-history";
import { DrillsPage } from "@/features/drills/components/drills-page";
import { type DrillsActionResult, drillsAction } from "@/features/drills/drills-action";

/** The sets to practise and the learner's own history. */
export async function loader({ request }: LoaderFunctionArgs) {
  const [sets, history] = await Promise.all([getDrillSets(request.signal), getMyHistory(request.signal)]);
  return { sets, history };
}

/** A lead creates or deletes a set. */
export async function action({ request }: ActionFunctionArgs): Promise<DrillsActionResult> {
  return drillsAction(await request.formData(), request.signal);
}

/** The drills page (every signed-in role; loaded lazily with its strings). */
export function Component() {
  const { sets, history } = useLoaderData<typeof loader>();
  return <DrillsPage sets={sets} history={history} />;
}
