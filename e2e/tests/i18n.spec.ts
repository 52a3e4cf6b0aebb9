import { expect, test } from "@playwright/test";
import { searchBox } from "./fixtures";

test("switching to Ukrainian changes the UI, taxonomy labels and plurals; a reload keeps it", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Find a practice");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");

  await page.getByLabel("Language", { exact: true }).selectOption("uk");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Знайти практику");
  await expect(page.locator("html")).toHaveAttribute("lang", "uk");
  await expect(page.getByRole("link", { name: "Запропонувати практику" }).first()).toBeVisible();
  await expect(
    page.getByRole("region", { name: "Канал", exact: true }).getByRole("button", { name: /^Телефон/ }),
  ).toBeVisible();
  // The count follows Ukrainian plural rules, whatever it is (other tests approve practices of their own).
  const count = page.locator(".results-count");
  await expect(count).toHaveText(/^Знайдено \d+ практик/);
  const shown = Number(((await count.textContent()) ?? "").match(/\d+/)?.[0]);
  const forms: Record<string, string> = { one: "практику", few: "практики", many: "практик", other: "практики" };
  await expect(count).toHaveText(`Знайдено ${shown} ${forms[new Intl.PluralRules("uk").select(shown)]}`);

  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Знайти практику");
  await expect(page.getByLabel("Мова", { exact: true })).toHaveValue("uk");
  await expect(page.locator("html")).toHaveAttribute("lang", "uk");
});

test("plural forms follow each language's rules", async ({ page }) => {
  // 22 Polish practices in the seed, and no test adds Polish ones: "few" in Ukrainian, Russian and
  // Polish (22 ends in 2).
  const expected: Record<string, RegExp> = {
    uk: /^Знайдено 22 практики$/,
    ru: /^Найдено 22 практики$/,
    pl: /^Znaleziono 22 praktyki$/,
    en: /^22 practices found$/,
  };
  await page.goto("/?language=pl");
  for (const [language, text] of Object.entries(expected)) {
    await page.locator("#ui-language").selectOption(language);
    await expect(page.locator(".results-count")).toHaveText(text);
  }
});

test.describe("first visit", () => {
  test.use({ locale: "pl-PL" });

  test("the UI language comes from the browser", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Znajdź praktykę");
    await expect(searchBox(page, "Opisz sytuację")).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "pl");
  });
});
