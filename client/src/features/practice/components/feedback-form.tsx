import { useTranslation } from "react-i18next";
import { useFetcher } from "react-router";
import { rememberedFeedback } from "../feedback-memory";

/** What the practice route's action returns after a feedback post. */
export interface FeedbackResult {
  ok: boolean;
}

/** "Did this help?" Yes/No; posts through the route action and then says thank you. */
export function FeedbackForm({ practiceId }: { practiceId: string }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<FeedbackResult>({ key: `feedback-${practiceId}` });
  const sending = fetcher.state !== "idle";
  const done = fetcher.data?.ok === true || (fetcher.data === undefined && !sending && rememberedFeedback(practiceId));

  return (
    <section className="feedback no-print" aria-labelledby="feedback-heading">
      <h2 id="feedback-heading" className="feedback-heading">
        {t("practice.helpful.question")}
      </h2>
      <div aria-live="polite">
        {done ? (
          <p className="feedback-thanks">{t("practice.helpful.thanks")}</p>
        ) : (
          <fetcher.Form method="post" className="feedback-buttons">
            <button type="submit" name="helpful" value="true" className="button button-secondary" disabled={sending}>
              {t("practice.helpful.yes")}
            </button>
            <button type="submit" name="helpful" value="false" className="button button-secondary" disabled={sending}>
              {t("practice.helpful.no")}
            </button>
            {sending && <span className="feedback-sending">{t("practice.helpful.sending")}</span>}
            {fetcher.data?.ok === false && <p className="field-error">{t("practice.helpful.error")}</p>}
          </fetcher.Form>
        )}
      </div>
    </section>
  );
}
