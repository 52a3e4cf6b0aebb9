import type { UiLanguage } from "@practice-kb/shared";
import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import { isUiLanguage, rememberUiLanguage, UI_LANGUAGE_CODES } from "@/lib/ui-language";
import { type CoreStrings, loadCoreStrings } from "@/locales/load";

function onLanguageChanged(language: string) {
  const uiLanguage = currentUiLanguage(language);
  document.documentElement.lang = uiLanguage;
  rememberUiLanguage(uiLanguage);
}

/**
 * Starts i18n in the language the boot script chose (lib/ui-language), with only that language's
 * strings: the other three are downloaded when the user switches (changeUiLanguage).
 */
export function startI18n(language: UiLanguage, strings: CoreStrings): void {
  // Registered first, so the start itself also sets <html lang> and remembers the language.
  i18n.on("languageChanged", onLanguageChanged);
  void i18n.use(initReactI18next).init({
    lng: language,
    resources: { [language]: { translation: strings } },
    supportedLngs: [...UI_LANGUAGE_CODES],
    nonExplicitSupportedLngs: true,
    load: "languageOnly",
    // Every language has every key (locales.test.ts), so English is never needed as a fallback.
    fallbackLng: false,
    initAsync: false,
    interpolation: { escapeValue: false },
    react: { useSuspense: false },
  });
}

/** Switches the UI language, downloading its strings first so nothing shows untranslated. */
export async function changeUiLanguage(language: UiLanguage): Promise<void> {
  const strings = await loadCoreStrings(language);
  // deep, without overwriting: the workflow and admin strings may already be there for this language.
  i18n.addResourceBundle(language, "translation", strings, true, false);
  await i18n.changeLanguage(language);
}

/** The UI language in effect, reduced to one of the four supported codes. */
export function currentUiLanguage(language: string = i18n.resolvedLanguage ?? i18n.language): UiLanguage {
  const base = language?.split("-")[0];
  return isUiLanguage(base) ? base : "en";
}

export { i18n };
