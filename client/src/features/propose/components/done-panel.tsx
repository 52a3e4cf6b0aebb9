import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { paths } from "@/config/paths";
import type { PracticeFormResult } from "../propose-action";

/** What the user sees once a practice was saved: what happened to it and where to go next. */
export function DonePanel({ result }: { result: Extract<PracticeFormResult, { status: "done" }> }) {
  const { t } = useTranslation();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  const { outcome, id, title } = result;
  return (
    <section className="success-panel" aria-labelledby="sent-heading">
      <h1 id="sent-heading" ref={headingRef} tabIndex={-1} className="page-title">
        {t(`propose.done.${outcome}.title`)}
      </h1>
      <p role="status">{t(`propose.done.${outcome}.text`, { title })}</p>
      <p className="actions">
        {outcome === "draft" && (
          <Link className="button button-primary" to={paths.editPractice.getHref(id)}>
            {t("propose.done.editDraft")}
          </Link>
        )}
        <Link
          className={outcome === "draft" ? "button button-secondary" : "button button-primary"}
          to={paths.myPractices.getHref()}
        >
          {t("propose.done.myPractices")}
        </Link>
        <Link className="button button-secondary" to={paths.practice.getHref(id)}>
          {t("propose.done.open")}
        </Link>
        <Link className="button button-secondary" to={paths.propose.getHref()}>
          {t("propose.done.another")}
        </Link>
      </p>
    </section>
  );
}
