import {
  PRACTICE_FIELD_NAMES,
  type PracticeContent,
  type PracticeFieldKind,
  type PracticeFieldName,
  practiceField,
  type UiLanguage,
} from "@practice-kb/shared";
import { useTranslation } from "react-i18next";
import { isUiLanguage } from "./ui-language";

/** A field's words in one UI language. */
export interface FieldWords {
  /** Its name: in the form, the history's diff and the practice's details. */
  label: string;
  /** A longer name for the form, where the short one would be unclear. */
  formLabel?: string;
  /** What the form tells the writer about it. */
  hint?: string;
  /** For a choice of one: the empty option that asks for a choice. */
  placeholder?: string;
}

/** How the client shows one field of a practice (its kind, in shared/, decides the control). */
export interface FieldView {
  words: Record<UiLanguage, FieldWords>;
  /** For text: the lines the form's box shows (absent: a one-line input). */
  lines?: number;
}

/**
 * Every field of a practice (shared/src/practiceFields.ts) as the client shows it. A field added there
 * gets its words here, and its place in PRACTICE_FORM_ROWS; the form, the diff and the details follow.
 */
export const PRACTICE_FIELD_VIEWS: Record<PracticeFieldName, FieldView> = {
  language: {
    words: {
      en: { label: "Language", formLabel: "Language of the practice" },
      uk: { label: "Мова", formLabel: "Мова практики" },
      pl: { label: "Język", formLabel: "Język praktyki" },
      ru: { label: "Язык", formLabel: "Язык практики" },
    },
  },
  title: {
    words: {
      en: {
        label: "Title",
        hint: "Name the situation in a few words, e.g. “Angry caller: reserved book was given away”.",
      },
      uk: {
        label: "Назва",
        hint: "Назвіть ситуацію кількома словами, напр. «Розлючений дзвінок: зарезервовану книжку видали іншому».",
      },
      pl: {
        label: "Tytuł",
        hint: "Nazwij sytuację kilkoma słowami, np. „Zdenerwowany rozmówca: zarezerwowaną książkę wypożyczono komuś innemu”.",
      },
      ru: {
        label: "Название",
        hint: "Назовите ситуацию в нескольких словах, напр. «Рассерженный звонок: забронированную книгу выдали другому».",
      },
    },
  },
  situation: {
    lines: 4,
    words: {
      en: { label: "Situation", hint: "What happens, and which signals should staff notice?" },
      uk: { label: "Ситуація", hint: "Що відбувається і на які сигнали варто звернути увагу?" },
      pl: { label: "Sytuacja", hint: "Co się dzieje i na jakie sygnały zwrócić uwagę?" },
      ru: { label: "Ситуация", hint: "Что происходит и на какие сигналы стоит обратить внимание?" },
    },
  },
  situationType: {
    words: {
      en: { label: "Situation type", placeholder: "Choose a type…" },
      uk: { label: "Тип ситуації", placeholder: "Оберіть тип…" },
      pl: { label: "Rodzaj sytuacji", placeholder: "Wybierz rodzaj…" },
      ru: { label: "Тип ситуации", placeholder: "Выберите тип…" },
    },
  },
  channels: {
    words: {
      en: { label: "Channels" },
      uk: { label: "Канали" },
      pl: { label: "Kanały" },
      ru: { label: "Каналы" },
    },
  },
  audiences: {
    words: {
      en: { label: "Audiences" },
      uk: { label: "Аудиторії" },
      pl: { label: "Odbiorcy" },
      ru: { label: "Аудитории" },
    },
  },
  response: {
    lines: 6,
    words: {
      en: { label: "Steps", hint: "What to do, in order." },
      uk: { label: "Кроки", hint: "Що робити, по черзі." },
      pl: { label: "Kroki", hint: "Co robić, po kolei." },
      ru: { label: "Шаги", hint: "Что делать, по порядку." },
    },
  },
  sayPhrases: {
    lines: 3,
    words: {
      en: { label: "Phrases to say" },
      uk: { label: "Фрази, які варто казати" },
      pl: { label: "Zwroty, których warto używać" },
      ru: { label: "Фразы, которые стоит говорить" },
    },
  },
  avoidPhrases: {
    lines: 3,
    words: {
      en: { label: "Phrases to avoid" },
      uk: { label: "Фрази, яких варто уникати" },
      pl: { label: "Zwroty, których lepiej unikać" },
      ru: { label: "Фразы, которых стоит избегать" },
    },
  },
  tags: {
    words: {
      en: { label: "Tags", hint: "Separate tags with commas." },
      uk: { label: "Теги", hint: "Розділяйте теги комами." },
      pl: { label: "Tagi", hint: "Oddziel tagi przecinkami." },
      ru: { label: "Теги", hint: "Разделяйте теги запятыми." },
    },
  },
  source: {
    words: {
      en: { label: "Source", hint: "For example, the training or workshop it comes from." },
      uk: { label: "Джерело", hint: "Наприклад, тренінг чи семінар, звідки ця практика." },
      pl: { label: "Źródło", hint: "Na przykład szkolenie lub warsztat, z którego pochodzi." },
      ru: { label: "Источник", hint: "Например, тренинг или семинар, откуда эта практика." },
    },
  },
  reviewBy: {
    words: {
      en: { label: "Review by", hint: "When should someone check that this is still right?" },
      uk: { label: "Переглянути до", hint: "Коли варто перевірити, чи це досі актуально?" },
      pl: { label: "Przejrzeć do", hint: "Kiedy sprawdzić, czy to nadal aktualne?" },
      ru: { label: "Пересмотреть до", hint: "Когда стоит проверить, актуально ли это?" },
    },
  },
};

/** A row of the form: one field, or two short ones side by side. */
export type FormRow = readonly [PracticeFieldName] | readonly [PracticeFieldName, PracticeFieldName];

/** The form's rows, top to bottom. */
export const PRACTICE_FORM_ROWS: readonly FormRow[] = [
  ["title"],
  ["situation"],
  ["situationType", "language"],
  ["channels"],
  ["audiences"],
  ["response"],
  ["sayPhrases"],
  ["avoidPhrases"],
  ["tags"],
  ["source", "reviewBy"],
];

/** A field's words in the current UI language. */
export function useFieldWords(): (field: PracticeFieldName) => FieldWords {
  const { i18n } = useTranslation();
  const language = (i18n.resolvedLanguage ?? i18n.language)?.split("-")[0];
  const uiLanguage: UiLanguage = isUiLanguage(language) ? language : "en";
  return (field) => PRACTICE_FIELD_VIEWS[field].words[uiLanguage];
}

/** One line of a practice's details: a field's name and its value. */
export interface DetailLine {
  field: PracticeFieldName;
  label: string;
  value: string;
  /** Written in the practice's language (a date is not). */
  written: boolean;
}

// The kinds shown as "name: value" details; the other kinds have their own place on a practice's page.
const DETAIL_KINDS: readonly PracticeFieldKind[] = ["tags", "note", "date"];

/** The details of a practice that has them (tags, source, review date, ...), in the table's order. */
export function useDetailLines(content: PracticeContent): DetailLine[] {
  const wordsOf = useFieldWords();
  return PRACTICE_FIELD_NAMES.flatMap((field) => {
    const { kind } = practiceField(field);
    const value: string | string[] | undefined = content[field];
    const text = Array.isArray(value) ? value.join(", ") : (value ?? "");
    if (!DETAIL_KINDS.includes(kind) || text === "") return [];
    return [{ field, label: wordsOf(field).label, value: text, written: kind !== "date" }];
  });
}
