import { expect, type Page, test } from "@playwright/test";
import { expectNoAxeViolations, searchBox } from "./fixtures";

// A Polish practice opened at a desk working in Ukrainian.
const POLISH_PRACTICE = "pl-spor-o-kare-za-przetrzymanie";

/** Switches the interface to Ukrainian (at 1280 px the language select is in the header row). */
async function useUkrainian(page: Page): Promise<void> {
  await page.goto("/");
  await page.getByLabel("Language", { exact: true }).selectOption("uk");
  await expect(searchBox(page, "Опишіть ситуацію")).toBeVisible();
}

/** Expects a part of the card to show this text as rendered (what is hidden in this medium left out). */
async function expectShown(page: Page, selector: string, text: string | RegExp): Promise<void> {
  await expect(page.locator(selector).first()).toHaveText(text, { useInnerText: true });
}

test("a printed Polish card has Polish headings and its revision, approval and review-by dates", async ({ page }) => {
  await useUkrainian(page);
  await page.goto(`/practices/${POLISH_PRACTICE}`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

  // On screen: the desk's language.
  await expect(page.getByRole("heading", { level: 2, name: "Що робити" })).toBeVisible();
  await expectShown(page, "#situation-heading", "Ситуація");
  await expectShown(page, ".card-stamp", /^Редакція 1 · затверджено .+ · переглянути до .*2027/);

  await page.emulateMedia({ media: "print" });
  // The Polish strings arrive with their own chunk; the headings switch once they are in.
  await expectShown(page, "#steps-heading", "Co robić");
  await expectShown(page, "#situation-heading", "Sytuacja");
  await expectShown(page, "#say-heading", "Mów");
  await expectShown(page, "#avoid-heading", "Unikaj");
  // (after a prefix for screen readers only, which paper does not show)
  await expectShown(page, ".practice-header .type-label", /Skarga$/);
  await expectShown(page, ".practice-header .channels", "Osobiście");
  // The review-by day (30 June 2027) in Polish: the date itself, not only the words around it.
  await expectShown(page, ".card-stamp", /^Wersja 1 · zatwierdzono .+ · przegląd do 30 .*2027/);
  // The Polish words carry their language for a screen reader or a hyphenating printer.
  await expect(page.locator("#steps-heading [lang='pl']")).toHaveText("Co robić");
  // Nothing for the screen (navigation, buttons, feedback) is on paper.
  await expect(page.locator(".site-header")).toBeHidden();
  await expect(page.locator(".practice-actions")).toBeHidden();
  const path = test.info().outputPath("printed-polish-card.png");
  await page.screenshot({ path, fullPage: true });
  await test.info().attach("printed-polish-card", { path, contentType: "image/png" });

  await page.emulateMedia({ media: "screen" });
  await expectShown(page, "#steps-heading", "Що робити");
  await expectNoAxeViolations(page);
});

test("a card in the interface's language prints one heading, not two", async ({ page }) => {
  await page.goto("/practices/en-fine-dispute-at-desk");
  await page.emulateMedia({ media: "print" });
  await expectShown(page, "#steps-heading", "What to do");
  await expect(page.locator("#steps-heading .print-only")).toHaveCount(0);
  await expectShown(page, ".card-stamp", /^Revision 1 · approved /);
});
