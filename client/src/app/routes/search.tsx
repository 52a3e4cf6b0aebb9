import { useTranslation } from "react-i18next";
import {
  type LoaderFunctionArgs,
  useLoaderData,
  useNavigation,
  useRevalidator,
  useRouteLoaderData,
} from "react-router";
import { searchPractices } from "@/features/search/api/search-practices";
import { SearchPage, type SearchPageData } from "@/features/search/components/search-page";
import { readSearchState, toSearchRequest } from "@/features/search/search-params";
import { ApiError } from "@/lib/api-client";
import { useDocumentTitle } from "@/lib/dom";
import { currentUiLanguage } from "../i18n";
import { isEngineDown, ROOT_ROUTE_ID, type RootData } from "./root";

/** Runs the search the URL describes; the router aborts it (request.signal) when a newer URL arrives. */
export async function searchLoader({ request }: LoaderFunctionArgs): Promise<SearchPageData> {
  const state = readSearchState(new URL(request.url).searchParams);
  try {
    const result = await searchPractices(toSearchRequest(state, currentUiLanguage()), request.signal);
    return { state, result, unavailable: false };
  } catch (error) {
    // An engine outage is a state of the page (banner), not a crash of the route.
    if (error instanceof ApiError && error.isUnavailable) return { state, result: null, unavailable: true };
    throw error;
  }
}

/** The search route: wires the loader's data and the router's loading state into the search page. */
export function SearchRoute() {
  const data = useLoaderData<typeof searchLoader>();
  const root = useRouteLoaderData<RootData>(ROOT_ROUTE_ID);
  const navigation = useNavigation();
  const revalidator = useRevalidator();
  const { t } = useTranslation();
  useDocumentTitle(data.state.q.trim() || t("search.title"), t("app.name"));

  // While a newer search loads, the previous results stay on screen and are only marked busy.
  const busy =
    (navigation.state === "loading" && navigation.location.pathname === "/") || revalidator.state === "loading";

  return (
    <SearchPage
      data={data}
      busy={busy}
      bannerShown={isEngineDown(root?.health)}
      onRetry={() => revalidator.revalidate()}
    />
  );
}
