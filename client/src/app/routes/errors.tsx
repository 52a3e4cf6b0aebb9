import { useTranslation } from "react-i18next";
import { isRouteErrorResponse, Link, Navigate, useLocation, useRouteError } from "react-router";
import { EngineDownBanner } from "@/components/status";
import { paths } from "@/config/paths";
import { ApiError } from "@/lib/api-client";
import { useDocumentTitle } from "@/lib/dom";

/** Shown in place of a page that failed, inside the layout, so navigation and language stay usable. */
export function RouteError() {
  const error = useRouteError();
  const location = useLocation();
  if (error instanceof ApiError && error.isUnauthorized) {
    // The session ended while the user was here: log in again, then come back to this page.
    return <Navigate to={paths.login.getHref(location.pathname + location.search, "expired")} replace />;
  }
  if (error instanceof ApiError && error.isForbidden) return <ForbiddenPage />;
  return <RouteFailure error={error} />;
}

/** A page that says what went wrong, with the way back home; it also names the browser tab. */
function StatusPage({ title, text }: { title: string; text: string }) {
  const { t } = useTranslation();
  useDocumentTitle(title, t("app.name"));
  return (
    <div className="error-page">
      <h1 className="page-title">{title}</h1>
      <p>{text}</p>
      <p>
        <Link className="button button-primary" to={paths.home.getHref()}>
          {t("status.error.home")}
        </Link>
      </p>
    </div>
  );
}

/** Pages the user's role may not open: said plainly, with the way back. */
export function ForbiddenPage() {
  const { t } = useTranslation();
  return <StatusPage title={t("status.forbidden.title")} text={t("status.forbidden.text")} />;
}

/** The search engine is down: the banner with its retry, and the way home. */
function EngineDownPage() {
  const { t } = useTranslation();
  const title = t("status.engineDown.title");
  useDocumentTitle(title, t("app.name"));
  return (
    <div className="error-page">
      <h1 className="page-title">{title}</h1>
      <EngineDownBanner onRetry={() => window.location.reload()} />
      <p>
        <Link to={paths.home.getHref()}>{t("status.error.home")}</Link>
      </p>
    </div>
  );
}

function RouteFailure({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (error instanceof ApiError && error.isUnavailable) return <EngineDownPage />;
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  if (notFound && (error.data as { notFound?: boolean } | null)?.notFound === true) {
    return <StatusPage title={t("practice.notFound.title")} text={t("practice.notFound.text")} />;
  }
  if (notFound) return <NotFoundPage />;
  return <StatusPage title={t("status.error.title")} text={t("status.error.text")} />;
}

/** Unknown addresses inside the app. */
export function NotFoundPage() {
  const { t } = useTranslation();
  return <StatusPage title={t("status.notFound.title")} text={t("status.notFound.text")} />;
}

/** Last resort when the layout itself fails: a page of its own, never a blank screen. */
export function RootError() {
  const { t } = useTranslation();
  return (
    <main className="site-main error-page">
      <h1 className="page-title">{t("status.error.title")}</h1>
      <p>{t("status.error.text")}</p>
      <p>
        <a className="button button-primary" href={paths.home.getHref()}>
          {t("status.error.home")}
        </a>
      </p>
    </main>
  );
}
