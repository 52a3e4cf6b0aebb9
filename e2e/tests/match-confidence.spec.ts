import { expect, test } from "@playwright/test";
import { ANGRY_PHONE, expectNoAxeViolations, resultLinks, searchBox } from "./fixtures";

/**
 * Strong and weak matches at the desk. The e2e server searches by words only (EMBEDDINGS=off), so
 * these run on the word rule: how much of the query a practice's words cover (docs/relevance.md).
 */
test.describe("match confidence", () => {
  test("the answer first, weaker matches folded under a summary the keyboard opens", async ({ page }) => {
    await page.goto("/?q=angry+caller+reserved+book");
    await expect(resultLinks(page).first()).toHaveText(ANGRY_PHONE.en.title);
    const weaker = page.locator("details.weaker-matches");
    await expect(weaker).toHaveCount(1);
    await expect(weaker).not.toHaveAttribute("open");
    const summary = weaker.locator("summary");
    await expect(summary).toHaveText(/^Weaker matches \(\d+\)$/);
    await expect(weaker.locator("[data-result-link]").first()).toBeHidden();
    await expect(page.getByRole("heading", { name: "No practice fits this well" })).toHaveCount(0);
    await expectNoAxeViolations(page);
    await summary.focus();
    await page.keyboard.press("Enter");
    await expect(weaker).toHaveAttribute("open");
    await expect(weaker.locator("[data-result-link]").first()).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test("no good match: says so plainly, offers to propose with the query, keeps the weaker matches", async ({
    page,
  }) => {
    // The Wi-Fi password is named in passing by two practices, but none is about it.
    await page.goto("/?q=wifi+password");
    await expect(page.getByRole("heading", { name: "No practice fits this well" })).toBeVisible();
    const weaker = page.locator("details.weaker-matches");
    await expect(weaker.locator("summary")).toHaveText(/^Weaker matches \(\d+\)$/);
    await expect(weaker).not.toHaveAttribute("open");
    await expectNoAxeViolations(page);
    await page.getByRole("link", { name: "Propose a practice" }).last().click();
    await expect(page).toHaveURL(/\/propose\?title=wifi(\+|%20)password/);
    await expect(page.getByLabel("Title")).toHaveValue("wifi password");
  });

  test("the same in Polish", async ({ page }) => {
    await page.goto("/?q=has%C5%82o+do+wifi");
    await page.locator("#ui-language").selectOption("pl");
    try {
      await expect(searchBox(page, "Opisz sytuację")).toBeVisible();
      await expect(page.getByRole("heading", { name: "Żadna praktyka nie pasuje dobrze" })).toBeVisible();
      await expect(page.locator("details.weaker-matches summary")).toHaveText(/^Słabsze dopasowania \(\d+\)$/);
    } finally {
      await page.locator("#ui-language").selectOption("en");
    }
  });
});
