import { useTranslation } from "react-i18next";
import { AlertIcon } from "./icons";

/** The "search engine is down" banner; role=alert so it is announced the moment it appears. */
export function EngineDownBanner({ onRetry }: { onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="banner banner-alert" role="alert">
      <AlertIcon />
      <div className="banner-body">
        <p className="banner-title">{t("status.engineDown.title")}</p>
        <p>{t("status.engineDown.text")}</p>
      </div>
      {onRetry && (
        <button type="button" className="button button-secondary" onClick={onRetry}>
          {t("status.engineDown.retry")}
        </button>
      )}
    </div>
  );
}

/** A thin progress bar shown while results refresh; the old results stay visible underneath. */
export function LoadingBar({ active }: { active: boolean }) {
  return <div className={active ? "loading-bar is-active" : "loading-bar"} aria-hidden="true" />;
}
