import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useActionData, useSearchParams } from "react-router";
import { useDocumentTitle } from "@/lib/dom";
import { isUiLanguage } from "@/lib/languages";
import { randomId } from "@/lib/random-id";
import type { PracticeFormResult } from "../propose-action";
import { DonePanel } from "./done-panel";
import { PracticeForm } from "./practice-form";

/** The proposal form: a new practice, saved as a draft or sent for review at once. */
export function ProposePage() {
  const { t, i18n } = useTranslation();
  const result = useActionData<PracticeFormResult>();
  const [searchParams] = useSearchParams();
  // One key per proposal: a retry of the same form (after a lost answer) cannot store it twice.
  const [idempotencyKey] = useState(randomId);
  useDocumentTitle(t("propose.title"), t("app.name"));
  const uiLanguage = i18n.resolvedLanguage ?? "en";

  return (
    <div className="propose-page">
      {result?.status === "done" ? (
        <DonePanel result={result} />
      ) : (
        // Not keyed by location: a failed submit must keep everything typed. "Propose another" still
        // starts empty, because the form was unmounted while the success panel showed.
        <>
          <h1 className="page-title">{t("propose.title")}</h1>
          <p className="lead">{t("propose.intro")}</p>
          <PracticeForm
            result={result}
            defaultTitle={searchParams.get("title") ?? ""}
            defaultLanguage={searchParams.get("language") ?? (isUiLanguage(uiLanguage) ? uiLanguage : "en")}
            defaultSituationType={searchParams.get("situationType") ?? undefined}
            defaultChannels={searchParams.getAll("channels")}
            hidden={{ idempotencyKey }}
            buttons={[
              { intent: "submit", label: t("propose.submit"), busyLabel: t("propose.submitting"), primary: true },
              { intent: "draft", label: t("propose.saveDraft"), busyLabel: t("propose.saving") },
            ]}
          />
        </>
      )}
    </div>
  );
}
