import type { FacetName, UiLanguage } from "@practice-kb/shared";

/**
 * Each facet's heading in the four UI languages, next to nothing else, so adding a facet touches only
 * shared/src/facets.ts and this table (the type asks for every facet in every language).
 */
export const FACET_HEADINGS: Record<FacetName, Record<UiLanguage, string>> = {
  situationType: { en: "Situation type", uk: "Тип ситуації", pl: "Rodzaj sytuacji", ru: "Тип ситуации" },
  channel: { en: "Channel", uk: "Канал", pl: "Kanał", ru: "Канал" },
  audience: { en: "Audience", uk: "Аудиторія", pl: "Odbiorcy", ru: "Аудитория" },
  language: { en: "Language of the practice", uk: "Мова практики", pl: "Język praktyki", ru: "Язык практики" },
};
