import { contentLanguageSchema } from "@practice-kb/shared";
import { type LoaderFunctionArgs, useLoaderData } from "react-router";
import { getDrillRun } from "@/features/drills/api/get-drill-run";
import { DrillRunner } from "@/features/drills/components/drill-runner";
import { currentUiLanguage } from "../i18n";

/** The set's drills for this learner (situations only; each practice is fetched when revealed). */
export async function loader({ params, request }: LoaderFunctionArgs) {
  const language = contentLanguageSchema
    .optional()
    .catch(undefined)
    .parse(new URL(request.url).searchParams.get("language") ?? undefined);
  return { run: await getDrillRun(params.setId ?? "", { language, uiLanguage: currentUiLanguage() }, request.signal) };
}

/** Running a set's drills. A finished drill's rating is saved at once, so leaving halfway loses nothing rated. */
export function Component() {
  const { run } = useLoaderData<typeof loader>();
  return <DrillRunner key={run.setId} run={run} />;
}
