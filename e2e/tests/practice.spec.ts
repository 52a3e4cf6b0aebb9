import { expect, test } from "@playwright/test";
import { ANGRY_PHONE } from "./fixtures";

const ANGRY = ANGRY_PHONE.en;

test("a practice shows the situation, numbered steps, say/avoid phrases with copy, and related practices", async ({
  page,
  context,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto(`/practices/${ANGRY.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(ANGRY.title);
  await expect(page).toHaveTitle(new RegExp(ANGRY.title));

  await expect(page.getByRole("region", { name: "Situation" })).toContainText("clearly angry");
  const steps = page.getByRole("region", { name: "What to do" }).locator("ol > li");
  await expect(steps).toHaveCount(7);
  await expect(steps.first()).toContainText("Let the caller finish");

  const say = page.getByRole("region", { name: "Say", exact: true });
  const avoid = page.getByRole("region", { name: "Avoid", exact: true });
  await expect(say.getByRole("listitem")).toHaveCount(3);
  await expect(avoid.getByRole("listitem")).toHaveCount(3);
  await expect(avoid).toContainText("That's the rules.");
  // Told apart by more than colour: each list has its own heading and icon.
  await expect(say.locator("h2 svg")).toHaveCount(1);
  await expect(avoid.locator("h2 svg")).toHaveCount(1);

  const phrase = "Let me look at your reservation right now while you're on the line.";
  const copy = say.getByRole("listitem").filter({ hasText: phrase }).getByRole("button");
  await expect(copy).toHaveText("Copy");
  await copy.click();
  await expect(page.locator(".phrases [role=status]")).toHaveText(`Copied to the clipboard: “${phrase}”`);
  await expect(copy).toHaveText("Copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(phrase);

  const related = page.getByRole("region", { name: "Related practices" });
  await expect(related.getByRole("link").first()).toBeVisible();
  const relatedTitle = (await related.getByRole("link").first().textContent()) ?? "";
  await related.getByRole("link").first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(relatedTitle);
});

test("the practice prints as one A4 desk card without navigation or buttons", async ({ page }) => {
  await page.goto(`/practices/${ANGRY.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(ANGRY.title);
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("banner")).toBeHidden();
  await expect(page.getByRole("button", { name: "Copy" }).first()).toBeHidden();
  await expect(page.getByRole("button", { name: "Yes" })).toBeHidden();
  await expect(page.getByRole("region", { name: "Say", exact: true })).toBeVisible();
  const pdf = await page.pdf({ format: "A4", preferCSSPageSize: true });
  const pages = pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? [];
  expect(pages.length).toBe(1);
});

test("did this help? Yes is recorded by the API and thanked, also after a reload", async ({ page, request }) => {
  const id = "en-fine-dispute-at-desk";
  const before = await (await request.get(`/api/practices/${id}`)).json();

  await page.goto(`/practices/${id}`);
  await page.getByRole("button", { name: "Yes" }).click();
  await expect(page.getByText("Thank you! Your answer helps")).toBeVisible();
  await expect(page.getByRole("button", { name: "Yes" })).toHaveCount(0);

  await expect
    .poll(async () => (await (await request.get(`/api/practices/${id}`)).json()).meta.helpfulCount)
    .toBe(before.meta.helpfulCount + 1);
  const after = await (await request.get(`/api/practices/${id}`)).json();
  expect(after.meta.notHelpfulCount).toBe(before.meta.notHelpfulCount);

  await page.reload();
  await expect(page.getByText("Thank you! Your answer helps")).toBeVisible();
});

test("an unknown practice shows 'not found' inside the app, not a blank page", async ({ page }) => {
  await page.goto("/practices/no-such-practice-here");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Practice not found");
  await expect(page.getByRole("banner")).toBeVisible();
  await page.getByRole("link", { name: "Go to search" }).click();
  await expect(page.getByRole("searchbox")).toBeVisible();
});
