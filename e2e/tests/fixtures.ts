import AxeBuilder from "@axe-core/playwright";
import { type APIResponse, type Browser, expect, type Locator, type Page, request, test } from "@playwright/test";
import { ACCOUNTS, type AccountRole, STORAGE_STATES } from "../global-setup";

export { ACCOUNTS, STORAGE_STATES };

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

/** A made-up word no seed practice contains, so a test finds exactly the practice it created. */
export function uniqueWord(): string {
  const letters = "bcdfghjklmnpqrstvwxz";
  let word = "";
  for (let i = 0; i < 9; i++) word += letters[Math.floor(Math.random() * letters.length)];
  return word;
}

/** An API client logged in as one of the demo roles, sending the CSRF token with every change. */
export interface RoleApi {
  get(url: string): Promise<APIResponse>;
  post(url: string, data?: unknown): Promise<APIResponse>;
  put(url: string, data: unknown): Promise<APIResponse>;
  delete(url: string): Promise<APIResponse>;
  dispose(): Promise<void>;
}

/** Opens an API client with the saved session of `role`. */
export async function apiAs(role: AccountRole): Promise<RoleApi> {
  const context = await request.newContext({ baseURL: baseUrl(), storageState: STORAGE_STATES[role] });
  const session = (await (await context.get("/api/auth/session")).json()) as { csrfToken: string };
  const headers = { "x-csrf-token": session.csrfToken };
  return {
    get: (url) => context.get(url),
    post: (url, data) => context.post(url, { data: data ?? {}, headers }),
    put: (url, data) => context.put(url, { data, headers }),
    delete: (url) => context.delete(url, { headers }),
    dispose: () => context.dispose(),
  };
}

function baseUrl(): string {
  const url = test.info().project.use.baseURL;
  if (!url) throw new Error("no baseURL");
  return url;
}

/** The text of a practice for tests: complete and valid, with a title that contains `word`. */
export function practiceText(word: string, overrides: Record<string, unknown> = {}) {
  return {
    language: "en",
    title: `Reader leaves a ${word} umbrella at the desk`,
    situation: `A reader forgot a ${word} umbrella at the desk and calls back later.`,
    situationType: "service-request",
    channels: ["in-person", "phone"],
    response: ["Check the lost property box.", "Describe the umbrella back to the reader."],
    sayPhrases: ["Let me check the lost property box for you."],
    ...overrides,
  };
}

/** Creates a practice as staff through the API; `submit` sends it for review at once. */
export async function createPracticeAsStaff(
  word: string,
  { submit = true, ...overrides }: { submit?: boolean } & Record<string, unknown> = {},
): Promise<{ id: string; title: string; meta: { revision: number } }> {
  const staff = await apiAs("staff");
  try {
    const response = await staff.post("/api/practices", { ...practiceText(word, overrides), submit });
    expect(response.status(), await response.text()).toBe(201);
    return await response.json();
  } finally {
    await staff.dispose();
  }
}

/** Creates a practice as staff and has the curator approve it, all through the API. */
export async function createApprovedPractice(
  word: string,
  overrides: Record<string, unknown> = {},
): Promise<{ id: string; title: string; meta: { revision: number } }> {
  const created = await createPracticeAsStaff(word, overrides);
  const curator = await apiAs("curator");
  try {
    const response = await curator.post(`/api/practices/${created.id}/approve`, {});
    expect(response.status(), await response.text()).toBe(200);
    return await response.json();
  } finally {
    await curator.dispose();
  }
}

/** A page in a fresh browser context logged in as `role` (its own cookies, like a second person's browser). */
export async function pageAs(browser: Browser, role: AccountRole): Promise<Page> {
  const context = await browser.newContext({
    baseURL: baseUrl(),
    locale: "en-US",
    storageState: STORAGE_STATES[role],
  });
  return context.newPage();
}

/** Logs in through the real login page (the page must be at /login). */
export async function logInThroughForm(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
}

/** A link or button whose visible text is `label`, named for `subject` for screen readers ("Edit: Title"). */
export function labelledFor(label: string, subject: string): RegExp {
  const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`^${literal(label)}\\W+${literal(subject)}$`);
}

/** A logged-out page: no saved session. */
export const LOGGED_OUT = { cookies: [], origins: [] };
