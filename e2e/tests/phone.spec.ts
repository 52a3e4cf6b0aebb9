import { expect, type Locator, type Page, test } from "@playwright/test";
import { expectNoAxeViolations, horizontalOverflow, resultLinks, searchBox } from "./fixtures";

// The desk on a phone: a librarian with a reader waiting, holding a 360 × 740 screen.
const PHONE = { width: 360, height: 740 };

test.use({ viewport: PHONE });

/** The element's box, failing when it is not rendered. */
async function boxOf(locator: Locator) {
  const box = await locator.boundingBox();
  if (!box) throw new Error("not rendered");
  return box;
}

/** True when the element lies wholly inside the first screen, as the page is scrolled now. */
async function whollyOnScreen(locator: Locator): Promise<boolean> {
  const box = await boxOf(locator);
  return box.y >= 0 && box.y + box.height <= PHONE.height;
}

/** Saves a screenshot of the screen as it is with the test's report and in test-results. */
async function screenshot(page: Page, name: string): Promise<void> {
  const path = test.info().outputPath(`${name}.png`);
  await page.screenshot({ path });
  await test.info().attach(name, { path, contentType: "image/png" });
}

test("the header is one row; its menu opens and closes by button and keyboard", async ({ page }) => {
  await page.goto("/");
  await expect(searchBox(page)).toBeVisible();
  const header = page.locator(".site-header");
  expect((await boxOf(header)).height).toBeLessThanOrEqual(64);
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav).toBeHidden();
  await screenshot(page, "phone-header-closed");

  const menu = page.getByRole("button", { name: "Menu" });
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await menu.click();
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  await expect(nav).toBeVisible();
  await expect(page.getByLabel("Language", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Log out" })).toBeVisible();
  await screenshot(page, "phone-header-open");
  await expectNoAxeViolations(page);
  expect(await horizontalOverflow(page)).toBe(0);

  // Escape closes it and gives the focus back to the button, staying on the page.
  await nav.getByRole("link").first().focus();
  await page.keyboard.press("Escape");
  await expect(nav).toBeHidden();
  await expect(menu).toBeFocused();
  await expect(page).toHaveURL(/\/$/);

  // Keyboard alone: Enter opens it, and choosing a page closes it.
  await page.keyboard.press("Enter");
  await expect(nav).toBeVisible();
  await nav.getByRole("link", { name: "My practices" }).click();
  await expect(page).toHaveURL(/my-practices/);
  await expect(nav).toBeHidden();
});

test("after a search the box and the first result are on the first screen", async ({ page }) => {
  await page.goto("/");
  await searchBox(page).fill("fine at the desk");
  await expect(resultLinks(page).first()).toBeVisible();
  await expect(page.locator("#results")).not.toHaveAttribute("aria-busy", "true");
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  expect(await whollyOnScreen(searchBox(page))).toBe(true);
  expect(await whollyOnScreen(resultLinks(page).first())).toBe(true);
  await screenshot(page, "phone-search");
  await expectNoAxeViolations(page);
});

test("a filter chip tapped below the fold brings the updated results into view", async ({ page }) => {
  await page.emulateMedia({ reducedMotion: "reduce" });
  await page.goto("/?q=reader");
  await expect(resultLinks(page).first()).toBeVisible();
  await page.getByText("Filters", { exact: true }).click();
  // The first chip of the open filters: the list it changes starts far below the screen.
  const chip = page.locator(".filters .chip").first();
  const results = page.locator("#results");
  expect((await boxOf(results)).y).toBeGreaterThan(PHONE.height);
  const before = await page.evaluate(() => window.scrollY);
  await chip.click();
  await expect(chip).toHaveAttribute("aria-pressed", "true");
  await expect(results).not.toHaveAttribute("aria-busy", "true");
  // Its start comes up into the upper part of the screen (or as far as a short page can scroll).
  await expect.poll(async () => (await boxOf(results)).y).toBeLessThanOrEqual(PHONE.height * 0.5);
  expect((await boxOf(results)).y).toBeGreaterThanOrEqual(0);
  expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(before);
  // What the list says first is on screen: the count, and the first result or the weaker matches folded.
  expect(await whollyOnScreen(page.locator(".results-count"))).toBe(true);
  const first = resultLinks(page).first();
  const firstShown = (await first.isVisible()) ? first : page.locator(".weaker-matches > summary");
  expect(await whollyOnScreen(firstShown)).toBe(true);
  await screenshot(page, "phone-chip-tapped");
});

test("a practice opens with its first step on the first screen", async ({ page }) => {
  await page.goto("/practices/en-fine-dispute-at-desk");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(await whollyOnScreen(page.locator(".steps li").first())).toBe(true);
  await screenshot(page, "phone-practice");
  await expectNoAxeViolations(page);
});

test.describe("at 1280 px", () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test("the header shows its navigation in the row, with no menu button", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Menu" })).toBeHidden();
    expect((await boxOf(page.locator(".site-header"))).height).toBeLessThanOrEqual(100);
    await screenshot(page, "desktop-header");
  });
});
