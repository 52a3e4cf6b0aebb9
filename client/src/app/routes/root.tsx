import type { Taxonomy } from "@practice-kb/shared";
import { UI_LANGUAGES } from "@practice-kb/shared";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import {
  Link,
  type LoaderFunctionArgs,
  NavLink,
  Outlet,
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
import { isTypingTarget } from "@/lib/dom";
import { getHealth, type HealthStatus } from "@/lib/health";
import { LANGUAGE_NAMES } from "@/lib/languages";
import { getTaxonomy, TaxonomyProvider } from "@/lib/taxonomy";
import { currentUiLanguage, i18n } from "../i18n";

/** The root route's id, for pages that read its data. */
export const ROOT_ROUTE_ID = "root";

/** What every page can rely on: the taxonomy (null if it failed) and the engine's health. */
export interface RootData {
  taxonomy: Taxonomy | null;
  health: HealthStatus | null;
}

/** Loads the taxonomy and health once; failures degrade to null instead of blanking the app. */
export async function rootLoader({ request }: LoaderFunctionArgs): Promise<RootData> {
  const [taxonomy, health] = await Promise.all([
    getTaxonomy(request.signal).catch(() => null),
    getHealth(request.signal).catch(() => null),
  ]);
  return { taxonomy, health };
}

/** The taxonomy and health only reload on an explicit retry, not on every keystroke's URL change. */
export function rootShouldRevalidate({ currentUrl, nextUrl, formMethod }: ShouldRevalidateFunctionArgs): boolean {
  if (formMethod) return false;
  return currentUrl.href === nextUrl.href;
}

/** True when the health check says search cannot work. */
export function isEngineDown(health: HealthStatus | null | undefined): boolean {
  return health?.status === "down";
}

// While the engine is down, check again now and then so the banner goes away by itself.
const RECHECK_MS = 20_000;

/** The frame of every page: skip link, header with navigation and language, the banner, main and footer. */
export function RootLayout() {
  const { taxonomy, health } = useLoaderData<typeof rootLoader>();
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
          <nav aria-label={t("app.mainNav")} className="main-nav">
            <ul>
              <li>
                <NavLink to={paths.home.path} end>
                  {t("app.nav.search")}
                </NavLink>
              </li>
              <li>
                <NavLink to={paths.propose.path}>{t("app.nav.propose")}</NavLink>
              </li>
            </ul>
          </nav>
          <LanguageSelect onChanged={() => revalidator.revalidate()} />
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
          await i18n.changeLanguage(event.target.value);
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
