import type { ActionFunctionArgs, LoaderFunctionArgs } from "react-router";
import { useLoaderData } from "react-router";
import { InsightsPage } from "@/features/insights/components/insights-page";
import { addSynonymFromInsight, type InsightsActionResult } from "@/features/insights/insights-action";
import { type InsightsData, loadInsights } from "@/features/insights/load-insights";
import { useRequireRole } from "@/lib/session";

/** Every panel's data for the range and filters in the URL. */
export function loader({ request }: LoaderFunctionArgs): Promise<InsightsData> {
  return loadInsights(new URL(request.url), request.signal);
}

/** Adds a synonym for an unanswered need. */
export async function action({ request }: ActionFunctionArgs): Promise<InsightsActionResult> {
  return addSynonymFromInsight(await request.formData(), request.signal);
}

/** The team lead's insight (curators and administrators; loaded lazily with its strings and charts). */
export function Component() {
  useRequireRole("curator");
  return <InsightsPage data={useLoaderData<typeof loader>()} />;
}
