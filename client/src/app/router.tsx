import { createBrowserRouter } from "react-router";
import { paths } from "@/config/paths";
import { NotFoundPage, RootError, RouteError } from "./routes/errors";
import { PracticeRoute, practiceAction, practiceLoader, practiceShouldRevalidate } from "./routes/practice";
import { ROOT_ROUTE_ID, RootLayout, rootLoader, rootShouldRevalidate } from "./routes/root";
import { SearchRoute, searchLoader } from "./routes/search";

/** What shows while the first data loads: the same header as index.html's static shell, so nothing jumps. */
function BootScreen() {
  return (
    <>
      <header className="site-header">
        <div className="header-inner">
          <span className="brand">
            <img src="/favicon.svg" alt="" width="28" height="28" />
            <span className="brand-name">Practice KB</span>
          </span>
        </div>
      </header>
      <div className="boot" aria-busy="true">
        <span className="boot-mark" aria-hidden="true" />
      </div>
    </>
  );
}

/** The app's routes: search (home), a practice, the lazily loaded proposal form, and a catch-all. */
export function createAppRouter() {
  return createBrowserRouter([
    {
      id: ROOT_ROUTE_ID,
      path: paths.home.path,
      Component: RootLayout,
      loader: rootLoader,
      shouldRevalidate: rootShouldRevalidate,
      errorElement: <RootError />,
      hydrateFallbackElement: <BootScreen />,
      children: [
        {
          // A pathless layout route, so a failing page is replaced inside the header and footer.
          errorElement: <RouteError />,
          children: [
            { index: true, Component: SearchRoute, loader: searchLoader },
            {
              path: paths.practice.path,
              Component: PracticeRoute,
              loader: practiceLoader,
              action: practiceAction,
              shouldRevalidate: practiceShouldRevalidate,
            },
            { path: paths.propose.path, lazy: () => import("./routes/propose") },
            { path: "*", Component: NotFoundPage },
          ],
        },
      ],
    },
  ]);
}
