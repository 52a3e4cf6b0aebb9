import type { UiLanguage } from "@practice-kb/shared";
import type { Messages } from "./en";
import type { Translation } from "./types";

/** The core strings (layout, search, practice card, login) of one UI language. */
export type CoreStrings = Messages | Translation<Messages>;

// One chunk per language: a visit downloads only the language it is shown in; switching loads another.
const CORE_STRINGS: Record<UiLanguage, () => Promise<CoreStrings>> = {
  en: () => import("./en").then((module) => module.en),
  uk: () => import("./uk").then((module) => module.uk),
  pl: () => import("./pl").then((module) => module.pl),
  ru: () => import("./ru").then((module) => module.ru),
};

/** Downloads the core strings of one UI language (the browser keeps each module once). */
export function loadCoreStrings(language: UiLanguage): Promise<CoreStrings> {
  return CORE_STRINGS[language]();
}
