import { data, type LoaderFunctionArgs, useLoaderData } from "react-router";
import { getDiff } from "@/features/history/api/get-diff";
import { getHistory } from "@/features/history/api/get-history";
import { getPractice } from "@/features/history/api/get-practice";
import { HistoryPage, type HistoryPageData } from "@/features/history/components/history-page";
import { ApiError } from "@/lib/api-client";

function revisionParam(value: string | null): number | null {
  const number = Number(value);
  return value !== null && Number.isInteger(number) && number >= 1 ? number : null;
}

/**
 * Loads the practice and its revisions, and the diff of the two revisions the URL names (?from=&to=); without
 * them, the diff of the pair the server says shows what changed, so the page opens on a real difference.
 */
export async function loader({ params, request }: LoaderFunctionArgs): Promise<HistoryPageData> {
  const id = params.id ?? "";
  const search = new URL(request.url).searchParams;
  const a = revisionParam(search.get("from"));
  const b = revisionParam(search.get("to"));
  const chosen = a !== null && b !== null && a !== b ? { from: Math.min(a, b), to: Math.max(a, b) } : null;
  try {
    const [practice, history, chosenDiff] = await Promise.all([
      getPractice(id, request.signal),
      getHistory(id, request.signal),
      chosen ? getDiff(id, chosen.from, chosen.to, request.signal) : Promise.resolve(null),
    ]);
    const compare = chosen ?? (a === null && b === null ? history.defaultComparison : null);
    const diff = chosenDiff ?? (compare ? await getDiff(id, compare.from, compare.to, request.signal) : null);
    return {
      practice,
      revisions: history.revisions,
      compare,
      chosen: chosen !== null,
      diff,
      compareProblem: a !== null && a === b ? "same" : null,
    };
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) throw data({ notFound: true }, { status: 404 });
    throw error;
  }
}

/** The history of a practice (loaded lazily, with the workflow strings). */
export function Component() {
  const pageData = useLoaderData<typeof loader>();
  return <HistoryPage data={pageData} />;
}
