import { expect, type Page, test } from "@playwright/test";
import { ANGRY_PHONE, resultLinks, searchBox } from "./fixtures";

/** Presses ArrowDown until the focused result is the wanted practice (at most `max` times), as a person scanning would. */
async function arrowTo(page: Page, title: string, max = 3) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("ArrowDown");
    const focused = page.locator("[data-result-link]:focus");
    await expect(focused).toHaveCount(1);
    if ((await focused.textContent())?.trim() === title) return;
  }
  throw new Error(`"${title}" is not among the first ${max} results`);
}

test("keyboard only: / focuses search, arrows move, Enter opens, Esc goes back and clears", async ({ page }) => {
  await page.goto("/");
  await expect(resultLinks(page).first()).toBeVisible();
  // Move focus away from the search box, then use the shortcut.
  await page.keyboard.press("Tab");
  await expect(searchBox(page)).not.toBeFocused();
  await page.keyboard.press("/");
  await expect(searchBox(page)).toBeFocused();
  await page.keyboard.type("angry phone");
  await expect(page).toHaveURL(/q=angry(\+|%20)phone/);
  await expect(resultLinks(page).first()).toHaveText(ANGRY_PHONE.en.title);

  await page.keyboard.press("ArrowDown");
  await expect(resultLinks(page).nth(0)).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(resultLinks(page).nth(1)).toBeFocused();
  await page.keyboard.press("ArrowUp");
  await expect(resultLinks(page).nth(0)).toBeFocused();
  // Focus is visible: the card around the focused link is outlined.
  const outline = await page
    .locator("#results .card")
    .first()
    .evaluate((card) => getComputedStyle(card).outlineStyle);
  expect(outline).toBe("solid");

  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/practices/${ANGRY_PHONE.en.id}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(ANGRY_PHONE.en.title);
  await expect(page.getByRole("heading", { level: 1 })).toBeFocused();

  await page.keyboard.press("Escape");
  await expect(page).toHaveURL(/\/\?q=angry(\+|%20)phone/);
  // Back where we were: on the result we opened.
  await expect(resultLinks(page).first()).toBeFocused();

  await page.keyboard.press("ArrowUp");
  await expect(searchBox(page)).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(searchBox(page)).toHaveValue("");
  await expect(page).not.toHaveURL(/q=/);
});

test("keyboard only: / from a practice page goes to search", async ({ page }) => {
  await page.goto(`/practices/${ANGRY_PHONE.en.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(ANGRY_PHONE.en.title);
  await page.keyboard.press("/");
  await expect(page).toHaveURL(/\/$/);
  await expect(searchBox(page)).toBeFocused();
});

test.describe("newcomer: angry reader on the phone, keyboard only", () => {
  for (const [language, scenario] of Object.entries(ANGRY_PHONE)) {
    test.describe(language, () => {
      test.use({ locale: scenario.locale });

      test(`by typing (${language})`, async ({ page }) => {
        await page.goto("/");
        await expect(page.getByRole("heading", { level: 1 })).toHaveText(scenario.heading);
        await page.keyboard.press("/");
        await expect(searchBox(page, scenario.searchLabel)).toBeFocused();
        await page.keyboard.type(scenario.query);
        await expect.poll(() => new URL(page.url()).searchParams.get("q")).toBe(scenario.query);
        await expect(page.locator("#results")).not.toHaveAttribute("aria-busy", "true");
        await expect(resultLinks(page).first()).toBeVisible();
        await arrowTo(page, scenario.title);
        await page.keyboard.press("Enter");
        await expect(page).toHaveURL(new RegExp(`/practices/${scenario.id}$`));
        await expect(page.getByRole("heading", { level: 1 })).toHaveText(scenario.title);
      });
    });
  }

  test("by facets alone (Tab and Enter)", async ({ page }) => {
    await page.goto("/");
    await expect(resultLinks(page).first()).toBeVisible();

    /** Tabs forward until the focused element matches, as a keyboard user would. */
    async function tabTo(selector: string, max = 60) {
      for (let i = 0; i < max; i++) {
        await page.keyboard.press("Tab");
        if (await page.locator(`${selector}:focus`).count()) return;
      }
      throw new Error(`could not Tab to ${selector}`);
    }

    // Facet groups come in page order: situation type, channel, audience, language.
    await tabTo('[data-facet="situationType"][data-value="complaint"]');
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/situationType=complaint/);
    await tabTo('[data-facet="channel"][data-value="phone"]');
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/channel=phone/);
    await tabTo('[data-facet="language"][data-value="en"]');
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/language=en/);

    await tabTo(`[data-result-link][href="/practices/${ANGRY_PHONE.en.id}"]`);
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(ANGRY_PHONE.en.title);
  });
});
