import { UI_LANGUAGES, type UiLanguage } from "@practice-kb/shared";
import i18n from "i18next";
import LanguageDetector from "i18next-browser-languagedetector";
import { initReactI18next } from "react-i18next";
import { isUiLanguage } from "@/lib/languages";
import { en } from "@/locales/en";
import { pl } from "@/locales/pl";
import { ru } from "@/locales/ru";
import { uk } from "@/locales/uk";

/** Where the chosen UI language is remembered between visits. */
export const LANGUAGE_STORAGE_KEY = "practice-kb.language";

// All four languages are bundled: together they are a few KB gzipped, and loading them
// lazily would add a round trip before the first paint.
void i18n
  .use(LanguageDetector)
  .use(initReactI18next)
  .init({
    resources: { en: { translation: en }, uk: { translation: uk }, pl: { translation: pl }, ru: { translation: ru } },
    supportedLngs: [...UI_LANGUAGES],
    nonExplicitSupportedLngs: true,
    load: "languageOnly",
    fallbackLng: "en",
    initAsync: false,
    interpolation: { escapeValue: false },
    detection: {
      order: ["localStorage", "navigator"],
      lookupLocalStorage: LANGUAGE_STORAGE_KEY,
      caches: ["localStorage"],
    },
    react: { useSuspense: false },
  });

function syncDocumentLanguage(language: string) {
  document.documentElement.lang = currentUiLanguage(language);
}
syncDocumentLanguage(i18n.language);
i18n.on("languageChanged", syncDocumentLanguage);

/** The UI language in effect, reduced to one of the four supported codes. */
export function currentUiLanguage(language: string = i18n.resolvedLanguage ?? i18n.language): UiLanguage {
  const base = language?.split("-")[0];
  return isUiLanguage(base) ? base : "en";
}

export { i18n };
