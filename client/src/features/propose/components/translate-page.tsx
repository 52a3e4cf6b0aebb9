import {
  CONTENT_LANGUAGES,
  type PracticeContent,
  type PracticeDetail,
  type PracticeTranslations,
} from "@practice-kb/shared";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useActionData } from "react-router";
import { paths } from "@/config/paths";
import { useDocumentTitle } from "@/lib/dom";
import { languageName } from "@/lib/languages";
import { useFieldWords } from "@/lib/practice-fields";
import { randomId } from "@/lib/random-id";
import type { PracticeFormResult } from "../propose-action";
import { DonePanel } from "./done-panel";
import { PracticeForm } from "./practice-form";

interface TranslatePageProps {
  original: PracticeDetail;
  translations: PracticeTranslations;
  /** The language asked for (`?language=`); null: the UI language. */
  language: string | null;
}

/** The languages a translation of the practice may be written in: not its own, none its group has already. */
export function freeLanguages(original: PracticeDetail, translations: PracticeTranslations): string[] {
  const taken = new Set([original.language, ...translations.versions.map((version) => version.language)]);
  return CONTENT_LANGUAGES.filter((language) => !taken.has(language));
}

/**
 * What a translation starts with: the original's situation type, channels, audiences and tags, in the target
 * language, and every text left for the translator to write (the original stands beside the form).
 */
function translationStart(original: PracticeDetail, language: string): PracticeContent {
  return {
    language: language as PracticeContent["language"],
    title: "",
    situation: "",
    situationType: original.situationType,
    channels: original.channels,
    audiences: original.audiences,
    response: [],
    sayPhrases: [],
    avoidPhrases: [],
    tags: original.tags,
  };
}

/**
 * "Translate into my language": the proposal form beside the original (side by side on a wide screen, stacked
 * on a phone). The proposal names the original, goes through review like any other, and its approval links
 * the two.
 */
export function TranslatePage({ original, translations, language }: TranslatePageProps) {
  const { t, i18n } = useTranslation();
  const result = useActionData<PracticeFormResult>();
  const [idempotencyKey] = useState(randomId);
  useDocumentTitle(t("translate.title", { title: original.title }), t("app.name"));
  const free = freeLanguages(original, translations);
  const wanted = language ?? i18n.resolvedLanguage ?? "en";
  const target = free.includes(wanted) ? wanted : free[0];

  if (result?.status === "done") {
    return (
      <div className="propose-page">
        <DonePanel result={result} />
      </div>
    );
  }
  return (
    <div className="translate-page">
      <h1 className="page-title">{t("translate.title", { title: original.title })}</h1>
      {target === undefined ? (
        <p className="lead">{t("translate.noLanguageLeft")}</p>
      ) : (
        <>
          <p className="lead">{t("translate.intro", { language: languageName(target) })}</p>
          <div className="translate-layout">
            <OriginalText original={original} />
            <section className="translate-form" aria-labelledby="translate-form-heading">
              <h2 id="translate-form-heading">{t("translate.yourVersion", { language: languageName(target) })}</h2>
              <PracticeForm
                result={result}
                initial={translationStart(original, target)}
                defaultLanguage={target}
                hidden={{ idempotencyKey, translationOf: original.id }}
                buttons={[
                  { intent: "submit", label: t("propose.submit"), busyLabel: t("propose.submitting"), primary: true },
                  { intent: "draft", label: t("propose.saveDraft"), busyLabel: t("propose.saving") },
                ]}
              />
            </section>
          </div>
        </>
      )}
    </div>
  );
}

/** The original's text to translate from, in its own language. */
function OriginalText({ original }: { original: PracticeDetail }) {
  const { t, i18n } = useTranslation();
  // The field names are in the UI's language, inside the original's text.
  const uiLanguage = i18n.resolvedLanguage;
  const wordsOf = useFieldWords();
  const lists = (["sayPhrases", "avoidPhrases"] as const).filter((field) => (original[field] ?? []).length > 0);
  return (
    <section className="translate-original" aria-labelledby="translate-original-heading">
      <h2 id="translate-original-heading">{t("translate.original", { language: languageName(original.language) })}</h2>
      <div lang={original.language}>
        <h3>
          <Link to={paths.practice.getHref(original.id)}>{original.title}</Link>
        </h3>
        <p>{original.situation}</p>
        <h4 lang={uiLanguage}>{wordsOf("response").label}</h4>
        <ol>
          {original.response.map((step) => (
            <li key={step}>{step}</li>
          ))}
        </ol>
        {lists.map((field) => (
          <div key={field}>
            <h4 lang={uiLanguage}>{wordsOf(field).label}</h4>
            <ul>
              {(original[field] ?? []).map((phrase) => (
                <li key={phrase}>{phrase}</li>
              ))}
            </ul>
          </div>
        ))}
      </div>
    </section>
  );
}
