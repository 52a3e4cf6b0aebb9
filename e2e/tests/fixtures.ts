import AxeBuilder from "@axe-core/playwright";
import { expect, type Locator, type Page } from "@playwright/test";

/** The seed practice for "angry reader on the phone" in each UI language, and how a newcomer would ask for it. */
export const ANGRY_PHONE = {
  en: {
    locale: "en-GB",
    id: "en-angry-caller-reservation-given-away",
    title: "Angry caller: reserved book was given to someone else",
    query: "angry reader on the phone",
    heading: "Find a practice",
    searchLabel: "Describe the situation",
  },
  uk: {
    locale: "uk-UA",
    id: "uk-angry-reader-reservation-phone",
    title: "Розгніваний читач телефонує: заброньовану книгу видали іншому",
    query: "розлючений читач по телефону",
    heading: "Знайти практику",
    searchLabel: "Опишіть ситуацію",
  },
  pl: {
    locale: "pl-PL",
    id: "pl-rezerwacja-wydana-komus-innemu-telefon",
    title: "Zarezerwowana książka wydana innemu czytelnikowi – zdenerwowany telefon",
    query: "zdenerwowany czytelnik przez telefon",
    heading: "Znajdź praktykę",
    searchLabel: "Opisz sytuację",
  },
  ru: {
    locale: "ru-RU",
    id: "ru-reserved-book-given-away-phone",
    title: "Читатель звонит: забронированную книгу выдали другому",
    query: "рассерженный читатель по телефону",
    heading: "Найти практику",
    searchLabel: "Опишите ситуацию",
  },
} as const;

/** The search box, found the way a screen reader user would. */
export function searchBox(page: Page, label = "Describe the situation"): Locator {
  return page.getByRole("searchbox", { name: label });
}

/** The links of the result cards, in order. */
export function resultLinks(page: Page): Locator {
  return page.locator("#results [data-result-link]");
}

/** The "N practices found" line. */
export function resultCount(page: Page): Locator {
  return page.locator(".results-count");
}

/** Reads the number out of the "N practices found" line once results have settled. */
export async function shownTotal(page: Page): Promise<number> {
  await expect(page.locator("#results")).not.toHaveAttribute("aria-busy", "true");
  const text = (await resultCount(page).textContent()) ?? "";
  const match = text.match(/\d+/);
  if (!match) throw new Error(`no count in "${text}"`);
  return Number(match[0]);
}

/** Runs axe on the page as it is and fails with the full list of violations. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations).toEqual([]);
}

/** True when the document is wider than the viewport (a horizontal scrollbar). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}
