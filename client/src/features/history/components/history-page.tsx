import type { PracticeDetail, RevisionDiff as RevisionDiffData, RevisionSummary } from "@practice-kb/shared";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Form, Link, useNavigation } from "react-router";
import { RevisionDiff } from "@/components/revision-diff";
import { paths } from "@/config/paths";
import { useDocumentTitle } from "@/lib/dom";
import { useFormatters } from "@/lib/format";

/** What the history route's loader hands the page. */
export interface HistoryPageData {
  practice: PracticeDetail;
  revisions: RevisionSummary[];
  /** The two revisions compared, oldest first: asked for in the URL, or the pair that shows what changed. */
  compare: { from: number; to: number } | null;
  /** The user chose the pair (the URL names it), rather than the page opening on it. */
  chosen: boolean;
  diff: RevisionDiffData | null;
  /** Why the comparison asked for cannot be shown. */
  compareProblem: "same" | null;
}

/** Every revision of a practice (who, when, what, comment); any two can be compared as a readable diff. */
export function HistoryPage({ data }: { data: HistoryPageData }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const { practice, revisions, compare, chosen, diff, compareProblem } = data;
  const diffHeadingRef = useRef<HTMLHeadingElement>(null);
  useDocumentTitle(t("history.title", { title: practice.title }), t("app.name"));

  const newest = revisions[0]?.number;
  const previous = revisions[1]?.number ?? newest;
  const from = compare?.from ?? previous;
  const to = compare?.to ?? newest;
  const comparing = navigation.state === "loading" && navigation.location.pathname.endsWith("/history");

  // After "Compare", take the user to the result (not when the page opens on its default pair).
  const compared = compare && chosen ? `${compare.from}-${compare.to}` : null;
  useEffect(() => {
    if (compared) diffHeadingRef.current?.focus();
  }, [compared]);

  return (
    <div className="history-page">
      <p className="back-link">
        <Link to={paths.practice.getHref(practice.id)}>
          <span aria-hidden="true">← </span>
          {t("history.back")}
        </Link>
      </p>
      <h1 className="page-title">
        {t("history.heading")}
        <span className="page-subtitle" lang={practice.language}>
          {practice.title}
        </span>
      </h1>
      <p className="lead">{t("history.intro")}</p>

      {/* Keyed by the URL's choice, so Back and Forward show the radios that match the diff. */}
      <Form method="get" className="history-form" key={`${from}-${to}`} preventScrollReset>
        <fieldset className="history-fieldset">
          <legend className="field-label">{t("history.choose")}</legend>
          <ol className="revision-list">
            {revisions.map((revision) => (
              <RevisionRow key={revision.number} revision={revision} from={from} to={to} />
            ))}
          </ol>
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={revisions.length < 2 || comparing}>
            {comparing ? t("history.comparing") : t("history.compare")}
          </button>
        </div>
      </Form>

      {compareProblem === "same" && (
        <p className="field-error" role="alert">
          {t("history.same")}
        </p>
      )}
      {compare && diff && (
        <section className="history-diff" aria-labelledby="diff-heading">
          <h2 id="diff-heading" ref={diffHeadingRef} tabIndex={-1}>
            {t("history.diffHeading", { from: compare.from, to: compare.to })}
          </h2>
          <DiffSides from={diff.from} to={diff.to} />
          <RevisionDiff fields={diff.fields} language={practice.language} />
        </section>
      )}
    </div>
  );
}

function RevisionRow({ revision, from, to }: { revision: RevisionSummary; from?: number; to?: number }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const n = revision.number;
  return (
    <li className="revision">
      <div className="revision-pick">
        <label className="checkbox">
          <input type="radio" name="from" value={n} defaultChecked={n === from} />
          <span aria-hidden="true">{t("history.from")}</span>
          <span className="visually-hidden">{t("history.fromRevision", { number: n })}</span>
        </label>
        <label className="checkbox">
          <input type="radio" name="to" value={n} defaultChecked={n === to} />
          <span aria-hidden="true">{t("history.to")}</span>
          <span className="visually-hidden">{t("history.toRevision", { number: n })}</span>
        </label>
      </div>
      <div className="revision-info">
        <p className="revision-what">
          <strong>{t("history.revision", { number: n })}</strong> · {t(`history.actions.${revision.action}`)}
          {revision.pending && <span className="badge">{t("history.proposedEdit")}</span>}
        </p>
        <p className="revision-who">
          {revision.by.name} ({t(`roles.${revision.by.role}`)}) ·{" "}
          <time dateTime={revision.at}>{format.dateTime(revision.at)}</time>
        </p>
        {revision.comment && (
          <p className="revision-comment">
            <span className="visually-hidden">{t("history.comment")}: </span>“{revision.comment}”
          </p>
        )}
      </div>
    </li>
  );
}

function DiffSides({ from, to }: { from: RevisionSummary; to: RevisionSummary }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const describe = (revision: RevisionSummary) =>
    t("history.side", {
      number: revision.number,
      action: t(`history.actions.${revision.action}`),
      name: revision.by.name,
      date: format.dateTime(revision.at),
    });
  return (
    <ul className="diff-sides">
      <li>
        <span className="diff-side-label">{t("history.from")}:</span> {describe(from)}
      </li>
      <li>
        <span className="diff-side-label">{t("history.to")}:</span> {describe(to)}
      </li>
    </ul>
  );
}
