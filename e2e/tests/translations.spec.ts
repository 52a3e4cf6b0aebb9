import { expect, test } from "@playwright/test";
import { ANGRY_PHONE, expectNoAxeViolations, resultLinks, searchBox } from "./fixtures";

// The seed links the four versions of "a reserved book was given to someone else" as translations.
const VERSIONS: string[] = Object.values(ANGRY_PHONE).map((version) => version.id);

test.describe("a translation group at a Polish desk", () => {
  test.use({ locale: "pl-PL" });

  test("shows one card, in the desk's language, with the other versions one click away", async ({ page }) => {
    await page.goto("/");
    await page.locator("#ui-language").selectOption("pl");
    // An English question: the group's best match is the English version, the card is the Polish one.
    await searchBox(page, ANGRY_PHONE.pl.searchLabel).fill(ANGRY_PHONE.en.query);
    await expect(resultLinks(page).first()).toBeVisible();
    const ids = await resultLinks(page).evaluateAll((links) => links.map((link) => link.id.replace(/^result-/, "")));
    expect(ids.filter((id) => VERSIONS.includes(id))).toEqual([ANGRY_PHONE.pl.id]);

    const card = page.locator("article.card").filter({ has: page.locator(`#result-${ANGRY_PHONE.pl.id}`) });
    const alsoIn = card.locator(".card-also-in");
    await expect(alsoIn).toContainText("Również w językach:");
    await expect(alsoIn.getByRole("link")).toHaveText(["Українська", "Русский", "English"]);
    await expectNoAxeViolations(page);

    await card.getByRole("link", { name: ANGRY_PHONE.pl.title }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(ANGRY_PHONE.pl.title);
    const switcher = page.getByRole("navigation", { name: "Ta praktyka w językach" });
    await expect(switcher.locator("[aria-current=page]")).toHaveText("Polski");
    await expectNoAxeViolations(page);

    // One click to the English version, and one back.
    await switcher.getByRole("link", { name: "English" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(ANGRY_PHONE.en.title);
    await expect(page).toHaveURL(new RegExp(`/practices/${ANGRY_PHONE.en.id}$`));
    await page
      .getByRole("navigation", { name: "Ta praktyka w językach" })
      .getByRole("link", { name: "Polski" })
      .click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(ANGRY_PHONE.pl.title);
  });
});
