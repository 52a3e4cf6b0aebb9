import { type PracticeDetail, type RevisionDiff, TRANSLATION_LINK_ROLE } from "@practice-kb/shared";
import { Suspense } from "react";
import { useTranslation } from "react-i18next";
import { Await, Link, useFetcher } from "react-router";
import { RevisionDiff as RevisionDiffView } from "@/components/revision-diff";
import { paths } from "@/config/paths";
import { useFormatters } from "@/lib/format";
import { languageName } from "@/lib/languages";
import { useHasRole } from "@/lib/session";
import type { TranslationStepResult } from "../translation-links";

interface OriginalChangedProps {
  practice: PracticeDetail;
  /** The original's changes since the revision this translation follows (null: it has not changed). */
  diff: Promise<RevisionDiff | null> | null;
}

/**
 * "The original changed": a translation whose original got a newer approved text, with what changed in it since
 * the revision translated from; a team lead may confirm the translation still matches.
 */
export function OriginalChanged({ practice, diff }: OriginalChangedProps) {
  const { t } = useTranslation();
  const format = useFormatters();
  const mayConfirm = useHasRole(TRANSLATION_LINK_ROLE);
  const fetcher = useFetcher<TranslationStepResult>({ key: `still-matches-${practice.id}` });
  const from = practice.meta.translationOf;
  const changed = practice.meta.originalChanged;
  if (!from || !changed || !diff) return null;
  const failed = fetcher.state === "idle" && fetcher.data && !fetcher.data.ok ? fetcher.data.message : null;
  return (
    <section className="notice notice-comment original-changed no-print" aria-labelledby="original-changed-heading">
      <h2 id="original-changed-heading" className="notice-title">
        {t("practice.originalChanged.title")}
      </h2>
      <p>
        {t("practice.originalChanged.text", { language: languageName(from.language), date: format.date(changed.at) })}{" "}
        <Link to={paths.practice.getHref(from.id)} lang={from.language}>
          {from.title}
        </Link>
      </p>
      <details>
        <summary>{t("practice.originalChanged.showChanges")}</summary>
        <Suspense fallback={<p>{t("practice.originalChanged.loading")}</p>}>
          <Await resolve={diff} errorElement={<p>{t("practice.originalChanged.failed")}</p>}>
            {(fields: RevisionDiff | null) =>
              fields ? (
                <RevisionDiffView fields={fields.fields} language={from.language} headingLevel={3} />
              ) : (
                <p>{t("practice.originalChanged.failed")}</p>
              )
            }
          </Await>
        </Suspense>
      </details>
      <p>
        <Link to={paths.history.getHref(from.id, { from: from.revision, to: changed.revision })}>
          {t("practice.originalChanged.history")}
        </Link>
      </p>
      {mayConfirm && (
        <fetcher.Form method="post">
          <button
            type="submit"
            name="intent"
            value="stillMatches"
            className="button button-secondary"
            disabled={fetcher.state !== "idle"}
          >
            {t("practice.originalChanged.stillMatches")}
          </button>
        </fetcher.Form>
      )}
      {failed && (
        <p role="alert" className="form-error">
          {t("practice.actionFailed", { message: failed })}
        </p>
      )}
    </section>
  );
}
