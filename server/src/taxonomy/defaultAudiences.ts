import type { TaxonomyEntry } from "@practice-kb/shared";

/** The starting audiences, created on first start; curators edit them later. */
export const DEFAULT_AUDIENCES: TaxonomyEntry[] = [
  { id: "adults", labels: { en: "Adults", uk: "Дорослі", pl: "Dorośli", ru: "Взрослые" } },
  { id: "children", labels: { en: "Children", uk: "Діти", pl: "Dzieci", ru: "Дети" } },
  { id: "teenagers", labels: { en: "Teenagers", uk: "Підлітки", pl: "Nastolatki", ru: "Подростки" } },
  { id: "parents", labels: { en: "Parents", uk: "Батьки", pl: "Rodzice", ru: "Родители" } },
  { id: "seniors", labels: { en: "Seniors", uk: "Люди похилого віку", pl: "Seniorzy", ru: "Пожилые люди" } },
  {
    id: "people-with-disabilities",
    labels: {
      en: "People with disabilities",
      uk: "Люди з інвалідністю",
      pl: "Osoby z niepełnosprawnościami",
      ru: "Люди с инвалидностью",
    },
  },
  { id: "tourists", labels: { en: "Tourists", uk: "Туристи", pl: "Turyści", ru: "Туристы" } },
  { id: "researchers", labels: { en: "Researchers", uk: "Дослідники", pl: "Badacze", ru: "Исследователи" } },
  {
    id: "school-groups",
    labels: { en: "School groups", uk: "Шкільні групи", pl: "Grupy szkolne", ru: "Школьные группы" },
  },
  { id: "students", labels: { en: "Students", uk: "Студенти", pl: "Studenci", ru: "Студенты" } },
  {
    id: "displaced-people",
    labels: {
      en: "Displaced people",
      uk: "Внутрішньо переміщені особи",
      pl: "Osoby przesiedlone",
      ru: "Вынужденные переселенцы",
    },
  },
];
