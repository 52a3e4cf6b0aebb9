import { expect, type Page, test } from "@playwright/test";
import { ANGRY_PHONE, resultCount, resultLinks, searchBox, shownTotal } from "./fixtures";

/**
 * Opens the desk with the page's clock stopped, so a burst of keys is a burst however busy the machine
 * is, and returns the queries of the searches sent from then on (the clock moves only by `runFor`).
 */
async function typeOnStoppedClock(page: Page): Promise<string[]> {
  await page.clock.install();
  await page.goto("/");
  await expect(resultLinks(page).first()).toBeVisible();
  const searches: string[] = [];
  page.on("request", (request) => {
    if (request.url().includes("/api/search")) searches.push(new URL(request.url()).searchParams.get("q") ?? "");
  });
  await page.clock.pauseAt(Date.now() + 60_000);
  return searches;
}

test.describe("search as you type", () => {
  test("results follow the typing, the URL keeps the query, reload restores it", async ({ page }) => {
    await page.goto("/");
    await expect(resultLinks(page).first()).toBeVisible();

    const box = searchBox(page);
    await box.pressSequentially("angry phone", { delay: 25 });

    await expect(page).toHaveURL(/[?&]q=angry(\+|%20)phone/);
    await expect(resultLinks(page).first()).toHaveText(ANGRY_PHONE.en.title);
    // The matching words are highlighted in the card.
    await expect(resultLinks(page).first().locator("mark").first()).toHaveText(/angry/i);
    await expect(resultCount(page)).toHaveText(/\d+ practices? found/);

    await page.reload();
    await expect(searchBox(page)).toHaveValue("angry phone");
    await expect(resultLinks(page).first()).toHaveText(ANGRY_PHONE.en.title);
  });

  test("a burst of typing searches at the first key and once more after the pause, not per key", async ({ page }) => {
    const searches = await typeOnStoppedClock(page);
    await searchBox(page).pressSequentially("angry phone");
    await expect.poll(() => searches).toEqual(["a"]);
    await page.clock.runFor(200);
    await expect(page).toHaveURL(/[?&]q=angry(\+|%20)phone/);
    await expect(resultLinks(page).first()).toHaveText(ANGRY_PHONE.en.title);
    expect(searches).toEqual(["a", "angry phone"]);
  });

  test("after a pause, a space and the next word's first letter search at once", async ({ page }) => {
    const searches = await typeOnStoppedClock(page);
    await searchBox(page).pressSequentially("angry");
    await page.clock.runFor(200);
    await expect.poll(() => searches).toEqual(["a", "angry"]);
    // No time passes on the page's clock between the space and the letter: one quick movement.
    await searchBox(page).pressSequentially(" p");
    await expect.poll(() => searches).toEqual(["a", "angry", "angry p"]);
    await expect(page).toHaveURL(/[?&]q=angry(\+|%20)p(&|$)/);
  });

  test("previous results stay on screen, marked busy, while a slow search loads", async ({ page }) => {
    await page.goto("/?q=angry");
    await expect(resultLinks(page).first()).toBeVisible();
    const before = await resultLinks(page).count();

    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route("**/api/search**", async (route) => {
      await gate;
      await route.continue();
    });
    await searchBox(page).press("End");
    await searchBox(page).pressSequentially(" phone");

    await expect(page.locator("#results")).toHaveAttribute("aria-busy", "true");
    await expect(resultLinks(page)).toHaveCount(before);
    release();
    await expect(page.locator("#results")).not.toHaveAttribute("aria-busy", "true");
    await expect(page).toHaveURL(/q=angry(\+|%20)phone/);
  });

  test("a misspelt query offers a did-you-mean link that searches for it", async ({ page }) => {
    // Suggestions come only when the words found little (a fuzzy match finds "complant" plenty).
    await page.goto("/?q=angyr");
    const suggestion = page.getByRole("link", { name: "anger", exact: true });
    await expect(suggestion).toBeVisible();
    await expect(page.getByText("Did you mean")).toBeVisible();
    await suggestion.click();
    await expect(page).toHaveURL(/q=anger/);
    await expect(searchBox(page)).toHaveValue("anger");
  });

  test("nothing found: says so and offers to propose a practice with the query as title", async ({ page }) => {
    await page.goto("/");
    await searchBox(page).fill("xqzzyw blorft");
    await expect(page.getByRole("heading", { name: "Nothing found" })).toBeVisible();
    await page.getByRole("link", { name: "Propose a practice" }).last().click();
    await expect(page).toHaveURL(/\/propose\?title=xqzzyw/);
    await expect(page.getByLabel("Title")).toHaveValue("xqzzyw blorft");
  });
});

test.describe("facets", () => {
  test("a channel chip filters results, shows as pressed, updates counts; Back restores", async ({ page }) => {
    await page.goto("/?q=angry");
    const totalBefore = await shownTotal(page);
    const channels = page.getByRole("region", { name: "Channel" });
    const phone = channels.getByRole("button", { name: /^Phone\b/ });
    await expect(phone).toHaveAttribute("aria-pressed", "false");
    const phoneCount = Number(await phone.locator(".chip-count [aria-hidden]").textContent());
    expect(phoneCount).toBeGreaterThan(0);
    expect(phoneCount).toBeLessThan(totalBefore);

    const complaint = page
      .getByRole("region", { name: "Situation type" })
      .getByRole("button", { name: /^Complaint\b/ });
    const complaintBefore = await complaint.locator(".chip-count [aria-hidden]").textContent();

    await phone.click();
    await expect(page).toHaveURL(/channel=phone/);
    await expect(phone).toHaveAttribute("aria-pressed", "true");
    expect(await shownTotal(page)).toBe(phoneCount);
    // Every card now names the phone channel.
    const cards = page.locator("#results .card");
    const count = await cards.count();
    for (let i = 0; i < count; i++) await expect(cards.nth(i).locator(".channels")).toContainText("Phone");
    // Facet counts reflect the other active filter: the complaint chip now counts phone complaints only,
    // which is exactly what picking it as well shows.
    const complaintWithPhone = Number(await complaint.locator(".chip-count [aria-hidden]").textContent());
    expect(complaintWithPhone).toBeLessThanOrEqual(Number(complaintBefore));
    await complaint.click();
    await expect(page).toHaveURL(/situationType=complaint/);
    await expect.poll(() => shownTotal(page)).toBe(complaintWithPhone);
    await page.goBack();
    await expect(page).not.toHaveURL(/situationType=complaint/);

    await page.goBack();
    await expect(page).not.toHaveURL(/channel=phone/);
    await expect(phone).toHaveAttribute("aria-pressed", "false");
    expect(await shownTotal(page)).toBe(totalBefore);

    await page.goForward();
    await expect(phone).toHaveAttribute("aria-pressed", "true");
  });

  test("filter-only browsing with an empty query", async ({ page }) => {
    // Other tests approve practices of their own (service requests, in English): counting conflicts
    // keeps the numbers of this test fixed while they run alongside.
    await page.goto("/?situationType=conflict");
    const conflicts = await shownTotal(page);
    expect(conflicts).toBeGreaterThan(1);
    const polishChip = page.getByRole("region", { name: "Language of the practice" }).getByRole("button", {
      name: /^Polski/,
    });
    await polishChip.click();
    await expect(page).toHaveURL(/language=pl/);
    const polish = await shownTotal(page);
    expect(polish).toBeGreaterThan(0);
    expect(polish).toBeLessThan(conflicts);
    await expect(page.locator("#results .badge").first()).toContainText("Polski");
    await polishChip.click();
    await expect(page).not.toHaveURL(/language=pl/);
    expect(await shownTotal(page)).toBe(conflicts);
    // Clearing every filter browses the whole base: the seed's 88 practices are 31 situations (a practice and
    // its translations are one card).
    await page.getByRole("button", { name: "Clear filters" }).click();
    await expect(page).not.toHaveURL(/situationType/);
    expect(await shownTotal(page)).toBeGreaterThanOrEqual(31);
  });
});

test("engine down: a clear banner, and the page stays usable", async ({ page }) => {
  await page.route("**/api/search**", (route) =>
    route.fulfill({
      status: 503,
      json: { statusCode: 503, error: "search_unavailable", message: "Search engine unavailable" },
    }),
  );
  await page.goto("/?q=angry");
  const alert = page.getByRole("alert");
  await expect(alert).toContainText("Search is unavailable right now");
  await expect(page.getByRole("banner")).toBeVisible();
  await expect(searchBox(page)).toBeEditable();
  await expect(page.getByRole("link", { name: "Propose a practice" })).toBeVisible();

  await page.unroute("**/api/search**");
  await alert.getByRole("button", { name: "Try again" }).click();
  await expect(page.getByRole("alert")).toHaveCount(0);
  await expect(resultLinks(page).first()).toBeVisible();
});
