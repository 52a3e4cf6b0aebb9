import { useTranslation } from "react-i18next";
import { useFetcher } from "react-router";
import { Field } from "@/components/field";
import { rememberedFeedback } from "../feedback-memory";

/** What the practice route's action returns after a feedback post. */
export interface FeedbackResult {
  ok: boolean;
  /** The answer given (absent when it could not be sent). */
  helpful?: boolean;
  /** The answer came with a reason (after a no). */
  withReason?: boolean;
}

/** The longest reason the API takes. */
const MAX_REASON = 1000;

/**
 * "Did this help?" Yes/No in one tap, through the route action; after a no it asks, optionally, what was
 * missing or wrong (sent as the same vote with its reason: one vote per person, the latest counts).
 */
export function FeedbackForm({ practiceId }: { practiceId: string }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<FeedbackResult>({ key: `feedback-${practiceId}` });
  const sending = fetcher.state !== "idle";
  const answered = fetcher.data?.ok === true;
  const asksReason = answered && fetcher.data?.helpful === false && !fetcher.data.withReason;
  const done = answered || (fetcher.data === undefined && !sending && rememberedFeedback(practiceId));

  return (
    <section className="feedback no-print" aria-labelledby="feedback-heading">
      <h2 id="feedback-heading" className="feedback-heading">
        {t("practice.helpful.question")}
      </h2>
      <div aria-live="polite">
        {done && <p className="feedback-thanks">{t("practice.helpful.thanks")}</p>}
        {asksReason && (
          <fetcher.Form method="post" className="feedback-reason">
            <input type="hidden" name="helpful" value="false" />
            <Field name="feedback-reason" label={t("practice.helpful.reasonLabel")} optional errors={[]}>
              {(control) => <textarea {...control} name="reason" rows={2} maxLength={MAX_REASON} />}
            </Field>
            <button type="submit" className="button button-secondary" disabled={sending}>
              {t("practice.helpful.reasonSend")}
            </button>
          </fetcher.Form>
        )}
        {!done && (
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
