import { CONTENT_LANGUAGES } from "@practice-kb/shared";
import { AUTOMATIC_SET_ID, type DrillSet, type MyDrillHistory } from "@practice-kb/shared/drills";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Form, Link, useActionData } from "react-router";
import { paths } from "@/config/paths";
import { useDocumentTitle } from "@/lib/dom";
import { languageName } from "@/lib/languages";
import { useHasRole } from "@/lib/session";
import { useLabels } from "@/lib/taxonomy";
import type { DrillsActionResult } from "../drills-action";
import { HistoryTable } from "./history-table";
import { SetForm } from "./set-form";

/** The drills page: the learner's schedule, the leads' sets, the learner's history; leads also make sets. */
export function DrillsPage({ sets, history }: { sets: DrillSet[]; history: MyDrillHistory }) {
  const { t } = useTranslation();
  const isLead = useHasRole("curator");
  const result = useActionData<DrillsActionResult>();
  const [language, setLanguage] = useState("");
  useDocumentTitle(t("drills.title"), t("app.name"));
  return (
    <div className="drills-page">
      <h1 className="page-title">{t("drills.title")}</h1>
      <p className="lead">{t("drills.intro")}</p>
      <p className="field-hint">{t("drills.privacy")}</p>
      <ActionStatus result={result} />

      <section className="drill-panel" aria-labelledby="drill-automatic">
        <h2 id="drill-automatic">{t("drills.automatic.title")}</h2>
        <p>{t("drills.automatic.hint")}</p>
        <div className="drill-start-row">
          <label htmlFor="drill-language">{t("drills.automatic.language")}</label>
          <select id="drill-language" value={language} onChange={(event) => setLanguage(event.target.value)}>
            <option value="">{t("drills.automatic.anyLanguage")}</option>
            {CONTENT_LANGUAGES.map((code) => (
              <option key={code} value={code}>
                {languageName(code)}
              </option>
            ))}
          </select>
          <Link className="button" to={paths.drillRun.getHref(AUTOMATIC_SET_ID, language || undefined)}>
            {t("drills.automatic.start")}
          </Link>
          {isLead && (
            <Link to={paths.drillResults.getHref(AUTOMATIC_SET_ID)}>
              {t("drills.sets.results", { name: t("drills.run.automaticName") })}
            </Link>
          )}
        </div>
      </section>

      <section className="drill-panel" aria-labelledby="drill-sets">
        <h2 id="drill-sets">{t("drills.sets.title")}</h2>
        {sets.length === 0 ? (
          <p>{t("drills.sets.empty")}</p>
        ) : (
          <ul className="drill-set-list">
            {sets.map((set) => (
              <SetEntry key={set.id} set={set} isLead={isLead} />
            ))}
          </ul>
        )}
      </section>

      {isLead && <SetForm />}

      <section className="drill-panel" aria-labelledby="drill-history">
        <h2 id="drill-history">{t("drills.history.title")}</h2>
        <HistoryTable history={history} />
      </section>
    </div>
  );
}

function ActionStatus({ result }: { result: DrillsActionResult | undefined }) {
  const { t } = useTranslation();
  if (!result) return null;
  const message =
    result.status === "created"
      ? t("drills.form.created", { name: result.name })
      : result.status === "deleted"
        ? t("drills.sets.deleted")
        : result.status === "invalid"
          ? t("drills.form.nameRequired")
          : t("drills.form.failed", { message: result.message });
  const ok = result.status === "created" || result.status === "deleted";
  return (
    <div className={ok ? "notice" : "notice notice-error"} role={ok ? "status" : "alert"}>
      <p>{message}</p>
    </div>
  );
}

function SetEntry({ set, isLead }: { set: DrillSet; isLead: boolean }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const any = t("drills.sets.any");
  const list = (values: string[], label: (id: string) => string) =>
    values.length ? values.map(label).join(", ") : any;
  return (
    <li className="drill-set">
      <h3 className="drill-set-name">{set.name}</h3>
      {set.description && <p>{set.description}</p>}
      <p className="field-hint">
        {set.kind === "list"
          ? `${t("drills.sets.list")} · ${t("drills.sets.count", { count: set.practiceIds.length })}`
          : t("drills.sets.filters", {
              types: list(set.filters.situationTypes, labels.situationType),
              channels: list(set.filters.channels, labels.channel),
              languages: list(set.filters.languages, languageName),
            })}
      </p>
      <div className="drill-set-actions">
        <Link className="button" to={paths.drillRun.getHref(set.id)}>
          {t("drills.sets.start", { name: set.name })}
        </Link>
        <Link to={paths.drillRolePlay.getHref(set.id)}>{t("drills.sets.rolePlay", { name: set.name })}</Link>
        <Link to={paths.drillCards.getHref(set.id)}>{t("drills.sets.cards", { name: set.name })}</Link>
        {isLead && (
          <>
            <Link to={paths.drillResults.getHref(set.id)}>{t("drills.sets.results", { name: set.name })}</Link>
            <Form method="post">
              <input type="hidden" name="setId" value={set.id} />
              <button type="submit" name="intent" value="delete" className="button button-secondary button-small">
                {t("drills.sets.delete", { name: set.name })}
              </button>
            </Form>
          </>
        )}
      </div>
    </li>
  );
}
