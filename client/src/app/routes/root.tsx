import type { Role, Taxonomy, User } from "@practice-kb/shared";
import { UI_LANGUAGES } from "@practice-kb/shared";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import {
  Form,
  Link,
  type LoaderFunctionArgs,
  NavLink,
  Outlet,
  redirect,
  ScrollRestoration,
  type ShouldRevalidateFunctionArgs,
  useLoaderData,
  useLocation,
  useNavigate,
  useRevalidator,
} from "react-router";
import { GlobeIcon } from "@/components/icons";
import { EngineDownBanner } from "@/components/status";
import { paths } from "@/config/paths";
import { getSession } from "@/features/auth/api/get-session";
import { ApiError } from "@/lib/api-client";
import { isTypingTarget } from "@/lib/dom";
import { getHealth, type HealthStatus } from "@/lib/health";
import { isUiLanguage, LANGUAGE_NAMES } from "@/lib/languages";
import { useReviewCount } from "@/lib/review-count";
import { rootDataEpoch } from "@/lib/root-data";
import { SessionProvider, useHasRole } from "@/lib/session";
import { getTaxonomy, TaxonomyProvider } from "@/lib/taxonomy";
import { changeUiLanguage, currentUiLanguage } from "../i18n";
import { SiteMenu } from "../site-menu";

/** The root route's id, for pages that read its data. */
export const ROOT_ROUTE_ID = "root";

/** What every page can rely on: who is logged in, the taxonomy (null if it failed) and the engine's health. */
export interface RootData {
  user: User | null;
  taxonomy: Taxonomy | null;
  health: HealthStatus | null;
}

// The epoch of login state and taxonomy the root data was loaded at (see lib/root-data).
let loadedEpoch = -1;

/**
 * Loads who is logged in, the taxonomy and health once; a visitor who is not logged in is sent to the
 * login page, which brings them back to the address they wanted. Other failures degrade to null.
 */
export async function rootLoader({ request }: LoaderFunctionArgs): Promise<RootData> {
  const url = new URL(request.url);
  const [user, taxonomy, health] = await Promise.all([
    getSession(request.signal).then(
      (session) => session.user,
      (error: unknown) => {
        if (error instanceof ApiError && error.isUnauthorized) return "anonymous" as const;
        // The server or engine is down: show the layout with its banner rather than a login page.
        if (error instanceof ApiError) return null;
        throw error;
      },
    ),
    getTaxonomy(request.signal).catch(() => null),
    getHealth(request.signal).catch(() => null),
  ]);
  loadedEpoch = rootDataEpoch();
  if (user === "anonymous") {
    if (url.pathname !== paths.login.path) throw redirect(paths.login.getHref(url.pathname + url.search));
    return { user: null, taxonomy: null, health };
  }
  return { user, taxonomy, health };
}

/**
 * The root data reloads when the login state or the taxonomy changed, and on an explicit retry; not on
 * every keystroke's URL change, nor after the pages' own form posts.
 */
export function rootShouldRevalidate({ currentUrl, nextUrl, formMethod }: ShouldRevalidateFunctionArgs): boolean {
  if (rootDataEpoch() !== loadedEpoch) return true;
  if (formMethod) return false;
  return currentUrl.href === nextUrl.href;
}

/** True when the health check says search cannot work. */
export function isEngineDown(health: HealthStatus | null | undefined): boolean {
  return health?.status === "down";
}

// While the engine is down, check again now and then so the banner goes away by itself.
const RECHECK_MS = 20_000;

/** The frame of every page: skip link, header with navigation, account and language, the banner, main and footer. */
export function RootLayout() {
  const { user, taxonomy, health } = useLoaderData<typeof rootLoader>();
  const { t } = useTranslation();
  const revalidator = useRevalidator();
  const navigate = useNavigate();
  const location = useLocation();
  const engineDown = isEngineDown(health);

  useEffect(() => {
    if (!engineDown) return;
    const timer = window.setTimeout(() => revalidator.revalidate(), RECHECK_MS);
    return () => window.clearTimeout(timer);
  }, [engineDown, revalidator]);

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (location.pathname === paths.login.path) return;
      if (event.key === "/" && !isTypingTarget(event.target)) {
        event.preventDefault();
        const input = document.getElementById("search-input");
        if (input) input.focus();
        else navigate(paths.home.getHref(), { state: { focusSearch: true } });
      } else if (event.key === "Escape" && !isTypingTarget(event.target)) {
        if (location.pathname === paths.home.path) {
          document.getElementById("search-input")?.focus();
        } else if (location.key !== "default") {
          navigate(-1);
        } else {
          navigate(paths.home.getHref());
        }
      }
    }
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [navigate, location]);

  return (
    <SessionProvider user={user}>
      <TaxonomyProvider taxonomy={taxonomy}>
        <a className="skip-link" href="#main">
          {t("app.skipToContent")}
        </a>
        <header className="site-header">
          <div className="header-inner">
            <Link to={paths.home.getHref()} className="brand">
              <img src="/favicon.svg" alt="" width="28" height="28" />
              <span className="brand-name">{t("app.name")}</span>
            </Link>
            <SiteMenu>
              {user && <MainNav />}
              {user && <AccountMenu user={user} />}
              <LanguageSelect onChanged={() => revalidator.revalidate()} />
            </SiteMenu>
          </div>
        </header>
        <main id="main" tabIndex={-1} className="site-main">
          {engineDown && <EngineDownBanner onRetry={() => revalidator.revalidate()} />}
          <Outlet />
        </main>
        <footer className="site-footer">
          <p>{t("app.footer")}</p>
        </footer>
        <ScrollRestoration />
      </TaxonomyProvider>
    </SessionProvider>
  );
}

interface NavItem {
  to: string;
  label: "search" | "propose" | "myPractices" | "drills" | "review" | "insights" | "taxonomy" | "users" | "tokens";
  role: Role;
}

// Only what the user's role may use is shown (the server refuses the rest anyway).
const NAV_ITEMS: NavItem[] = [
  { to: paths.home.path, label: "search", role: "staff" },
  { to: paths.propose.path, label: "propose", role: "staff" },
  { to: paths.myPractices.path, label: "myPractices", role: "staff" },
  { to: paths.drills.path, label: "drills", role: "staff" },
  { to: paths.review.path, label: "review", role: "curator" },
  { to: paths.insights.path, label: "insights", role: "curator" },
  { to: paths.adminTaxonomy.path, label: "taxonomy", role: "curator" },
  { to: paths.adminUsers.path, label: "users", role: "administrator" },
  { to: paths.adminTokens.path, label: "tokens", role: "administrator" },
];

function MainNav() {
  const { t } = useTranslation();
  const isCurator = useHasRole("curator");
  const isAdministrator = useHasRole("administrator");
  const reviewCount = useReviewCount(isCurator);
  const allowed = (role: Role) => role === "staff" || (role === "curator" ? isCurator : isAdministrator);
  return (
    <nav aria-label={t("app.mainNav")} className="main-nav">
      <ul>
        {NAV_ITEMS.filter((item) => allowed(item.role)).map((item) => (
          <li key={item.to}>
            <NavLink to={item.to} end={item.to === paths.home.path}>
              {t(`app.nav.${item.label}`)}
              {item.label === "review" && reviewCount !== null && reviewCount > 0 && (
                <span className="nav-badge" data-testid="review-count">
                  <span aria-hidden="true">{reviewCount}</span>
                  <span className="visually-hidden">, {t("app.reviewBadge", { count: reviewCount })}</span>
                </span>
              )}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function AccountMenu({ user }: { user: User }) {
  const { t } = useTranslation();
  return (
    <div className="account">
      <span className="account-user">
        <span className="visually-hidden">{t("app.signedInAs", { name: user.name })}</span>
        <span className="account-name" aria-hidden="true">
          {user.name}
        </span>
        <span className="badge role-badge">{t(`roles.${user.role}`)}</span>
      </span>
      <Form method="post" action={paths.logout.path}>
        <button type="submit" className="button button-secondary button-small">
          {t("app.logout")}
        </button>
      </Form>
    </div>
  );
}

function LanguageSelect({ onChanged }: { onChanged: () => void }) {
  const { t } = useTranslation();
  const language = currentUiLanguage();
  return (
    <div className="language-select">
      <GlobeIcon />
      <label htmlFor="ui-language">{t("app.language")}</label>
      <select
        id="ui-language"
        value={language}
        onChange={async (event) => {
          const chosen = event.target.value;
          if (!isUiLanguage(chosen)) return;
          await changeUiLanguage(chosen);
          // Search ranks results in the UI language first, so ask again in the new one.
          onChanged();
        }}
      >
        {UI_LANGUAGES.map((code) => (
          <option key={code} value={code} lang={code}>
            {LANGUAGE_NAMES[code]}
          </option>
        ))}
      </select>
    </div>
  );
}
