import { createBrowserRouter, type LazyRouteFunction, type RouteObject } from "react-router";
import { paths } from "@/config/paths";
import { LoginPage } from "@/features/auth/components/login-page";
import { type BundleName, loadMessages } from "@/lib/messages";
import { NotFoundPage, RootError, RouteError } from "./routes/errors";
import { loginAction, logoutAction } from "./routes/login";
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

/** A route loaded on first visit, together with the strings of its part of the app. */
function lazyWith(bundle: BundleName, load: () => Promise<Record<string, unknown>>): LazyRouteFunction<RouteObject> {
  return async () => {
    const [module] = await Promise.all([load(), loadMessages(bundle)]);
    return module;
  };
}

/**
 * The app's routes: login, search (home) and a practice load with the app; proposing, editing, history,
 * "my practices", the review queue, the insight screens, the drills and the administration pages load on first visit.
 */
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
            { path: paths.login.path, Component: LoginPage, action: loginAction },
            { path: paths.logout.path, action: logoutAction, Component: NotFoundPage },
            { index: true, Component: SearchRoute, loader: searchLoader },
            {
              path: paths.practice.path,
              Component: PracticeRoute,
              loader: practiceLoader,
              action: practiceAction,
              shouldRevalidate: practiceShouldRevalidate,
            },
            { path: paths.editPractice.path, lazy: lazyWith("workflow", () => import("./routes/edit-practice")) },
            {
              path: paths.translatePractice.path,
              lazy: lazyWith("workflow", () => import("./routes/translate-practice")),
            },
            { path: paths.history.path, lazy: lazyWith("workflow", () => import("./routes/history")) },
            { path: paths.propose.path, lazy: lazyWith("workflow", () => import("./routes/propose")) },
            { path: paths.myPractices.path, lazy: lazyWith("workflow", () => import("./routes/my-practices")) },
            { path: paths.review.path, lazy: lazyWith("workflow", () => import("./routes/review")) },
            { path: paths.insights.path, lazy: lazyWith("insights", () => import("./routes/insights")) },
            { path: paths.drills.path, lazy: lazyWith("drills", () => import("./routes/drills")) },
            { path: paths.drillRun.path, lazy: lazyWith("drills", () => import("./routes/drill-run")) },
            { path: paths.drillResults.path, lazy: lazyWith("drills", () => import("./routes/drill-results")) },
            { path: paths.drillRolePlay.path, lazy: lazyWith("drills", () => import("./routes/drill-role-play")) },
            { path: paths.drillCards.path, lazy: lazyWith("drills", () => import("./routes/drill-cards")) },
            { path: paths.adminTaxonomy.path, lazy: lazyWith("admin", () => import("./routes/admin-taxonomy")) },
            { path: paths.adminUsers.path, lazy: lazyWith("admin", () => import("./routes/admin-users")) },
            { path: paths.adminTokens.path, lazy: lazyWith("admin", () => import("./routes/admin-tokens")) },
            { path: "*", Component: NotFoundPage },
          ],
        },
      ],
    },
  ]);
}
