import { expect, type Page, test } from "@playwright/test";
import { ANGRY_PHONE, expectNoAxeViolations, horizontalOverflow, resultLinks, searchBox } from "./fixtures";

interface Screen {
  name: string;
  open: (page: Page) => Promise<void>;
}

const SCREENS: Screen[] = [
  {
    name: "search",
    open: async (page) => {
      await page.goto("/");
      await expect(resultLinks(page).first()).toBeVisible();
    },
  },
  {
    name: "results",
    open: async (page) => {
      await page.goto("/?q=angry+phone&channel=phone");
      await expect(resultLinks(page).first()).toBeVisible();
    },
  },
  {
    name: "empty state",
    open: async (page) => {
      await page.goto("/?q=xqzzyw+blorft");
      await expect(page.getByRole("heading", { name: "Nothing found" })).toBeVisible();
    },
  },
  {
    name: "practice",
    open: async (page) => {
      await page.goto(`/practices/${ANGRY_PHONE.en.id}`);
      await expect(page.getByRole("region", { name: "Related practices" })).toBeVisible();
    },
  },
  {
    name: "propose",
    open: async (page) => {
      await page.goto("/propose");
      await expect(page.getByRole("button", { name: "Send for review" })).toBeVisible();
    },
  },
  {
    name: "propose with errors",
    open: async (page) => {
      await page.goto("/propose");
      await page.getByRole("button", { name: "Send for review" }).click();
      await expect(page.getByRole("alert")).toBeVisible();
    },
  },
  {
    name: "engine down",
    open: async (page) => {
      await page.route("**/api/search**", (route) =>
        route.fulfill({
          status: 503,
          json: { statusCode: 503, error: "search_unavailable", message: "Search engine unavailable" },
        }),
      );
      await page.goto("/?q=angry");
      await expect(page.getByRole("alert")).toBeVisible();
    },
  },
];

for (const screen of SCREENS) {
  test(`axe finds no violations: ${screen.name}`, async ({ page }) => {
    await screen.open(page);
    await expectNoAxeViolations(page);
  });

  test(`nothing overflows horizontally at 320 px: ${screen.name}`, async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 800 });
    await screen.open(page);
    expect(await horizontalOverflow(page)).toBe(0);
  });
}

test("axe finds no violations in Ukrainian either", async ({ page }) => {
  await page.goto("/");
  await page.getByLabel("Language", { exact: true }).selectOption("uk");
  await expect(searchBox(page, "Опишіть ситуацію")).toBeVisible();
  await searchBox(page, "Опишіть ситуацію").fill("скарга телефон");
  await expect(resultLinks(page).first()).toBeVisible();
  // Results dim while a newer search loads; check the settled page.
  await expect(page.locator("#results")).not.toHaveAttribute("aria-busy", "true");
  await expectNoAxeViolations(page);
});
