import { useEffect, useRef } from "react";
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

/**
 * The outcome of the page's last action, as a status banner that takes focus when a message appears:
 * the item acted on often leaves the list, and focus must not fall to the page's end.
 */
export function ActionStatus({ message, ok = true }: { message: string | null | undefined; ok?: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (message) ref.current?.focus();
  }, [message]);
  return (
    <div
      ref={ref}
      tabIndex={-1}
      role="status"
      className={message ? (ok ? "banner banner-ok" : "banner banner-alert") : "visually-hidden"}
    >
      {message}
    </div>
  );
}
