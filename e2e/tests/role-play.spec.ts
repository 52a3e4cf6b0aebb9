import { expect, type Page, test } from "@playwright/test";
import { apiAs, expectNoAxeViolations, horizontalOverflow, pageAs, uniqueWord } from "./fixtures";

/** How many pages a PDF has (Chromium writes one uncompressed /Type /Page object per page). */
const pdfPages = (pdf: Buffer) => pdf.toString("latin1").match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;

/** The printed cards' faces whose text does not fit the face (the print styles cut it off). */
async function overflowingCards(page: Page): Promise<string[]> {
  return page
    .locator(".print-card")
    .evaluateAll((cards) =>
      cards
        .filter((card) => card.scrollHeight > card.clientHeight + 1)
        .map((card) => card.textContent?.slice(0, 60) ?? ""),
    );
}

/** Presses Tab until the button has the focus, then Enter: a keyboard user's click. */
async function pressByKeyboard(page: Page, name: string): Promise<void> {
  const button = page.getByRole("button", { name });
  for (let presses = 0; presses < 20; presses++) {
    if (await button.evaluate((element) => element === document.activeElement)) break;
    await page.keyboard.press("Tab");
  }
  await expect(button).toBeFocused();
  await page.keyboard.press("Enter");
}

test("two people role-play a set's situations by keyboard, and its cards print one or two to an A4 sheet", async ({
  browser,
}) => {
  test.slow();
  const curator = await apiAs("curator");
  // The three seed practices with the most text: if they fit a printed card, the others do.
  const found = await (await curator.get("/api/search?size=100")).json();
  const details = await Promise.all(
    (found.hits as { id: string }[]).map(async (hit) => (await curator.get(`/api/practices/${hit.id}`)).json()),
  );
  const longest = details
    .map((practice) => ({ id: practice.id as string, length: JSON.stringify(practice).length }))
    .sort((a, b) => b.length - a.length)
    .slice(0, 3);
  const setName = `Workshop ${uniqueWord()}`;
  const created = await curator.post("/api/drills/sets", { name: setName, practiceIds: longest.map((p) => p.id) });
  expect(created.status(), await created.text()).toBe(201);

  const page = await pageAs(browser, "staff");
  await page.goto("/drills");
  await page.getByRole("link", { name: `Role-play “${setName}”` }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Role-play: ${setName}` })).toBeVisible();
  for (let situation = 1; situation <= 3; situation++) {
    await expect(page.getByText(`Situation ${situation} of 3`)).toBeVisible();
    await expect(page.getByRole("heading", { name: "Who plays the reader?" })).toBeFocused();
    await pressByKeyboard(page, "Show the reader's brief");
    // The brief: who, where, what happened, how they feel and a first line, from the practice's situation.
    const brief = page.getByRole("region", { name: "The reader's brief" });
    await expect(page.getByRole("heading", { name: "The reader's brief" })).toBeFocused();
    for (const fact of ["Who you are", "Where you talk", "What happened", "How you feel", "What you say first"]) {
      await expect(brief.getByText(fact, { exact: true })).toBeVisible();
    }
    if (situation === 1) await expectNoAxeViolations(page);
    await pressByKeyboard(page, "Hide the brief and start talking");
    await expect(page.getByRole("heading", { name: "Talk now" })).toBeFocused();
    await expect(brief).toHaveCount(0);
    await pressByKeyboard(page, "Show the practice to both");
    await expect(page.getByRole("heading", { name: "What the practice advises" })).toBeFocused();
    await expect(page.getByRole("heading", { name: "What to do" })).toBeVisible();
    if (situation === 1) await expectNoAxeViolations(page);
    await pressByKeyboard(page, situation < 3 ? "Next situation" : "Finish");
  }
  await expect(page.getByRole("heading", { name: "All situations played." })).toBeFocused();

  // The cards: a preview on screen, then A4 pages in print.
  await page.goto("/drills");
  await page.getByRole("link", { name: `Print role-play cards of “${setName}”` }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Role-play cards: ${setName}` })).toBeVisible();
  await expect(page.getByRole("link", { name: "One card per A4 sheet" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("button", { name: "Print 3 cards" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.setViewportSize({ width: 360, height: 740 });
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

  // A4 at 96 dpi, as the printer sees it.
  await page.setViewportSize({ width: 794, height: 1123 });
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("heading", { level: 1 })).toBeHidden();
  expect(await overflowingCards(page)).toEqual([]);
  // One card per sheet, printed on both sides: its brief, then its practice.
  expect(pdfPages(await page.pdf({ format: "A4", preferCSSPageSize: true }))).toBe(6);

  await page.emulateMedia({ media: "screen" });
  await page.getByRole("link", { name: "Two cards per A4 sheet" }).click();
  await expect(page).toHaveURL(/layout=half/);
  await page.emulateMedia({ media: "print" });
  expect(await overflowingCards(page)).toEqual([]);
  // Two sheets (cards 1–2, card 3), each a page of briefs and a page of practices.
  expect(pdfPages(await page.pdf({ format: "A4", preferCSSPageSize: true }))).toBe(4);
  await page.close();
});
