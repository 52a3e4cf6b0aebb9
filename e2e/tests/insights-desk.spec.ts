import { expect, test } from "@playwright/test";
import { apiAs, expectNoAxeViolations, resultLinks, searchBox, uniqueWord } from "./fixtures";

// Only this test searches for it (the next test opens the same practice by its address).
const ANSWERED_QUERY = "noisy teenagers quiet area";
const ANSWERED_TITLE = "Noisy teenagers in the quiet study area";

interface Unanswered {
  items: { query: string; count: number; examples: string[] }[];
}

/** What the team lead's insight lists as unanswered now (the server writes events every 200 ms here). */
async function unanswered(): Promise<Unanswered["items"]> {
  const curator = await apiAs("curator");
  const response = await curator.get("/api/insights/unanswered?limit=200");
  expect(response.status()).toBe(200);
  const body = (await response.json()) as Unanswered;
  await curator.dispose();
  return body.items;
}

test("the desk's typing counts once per search session; an opened practice answers it; used at the desk is logged", async ({
  page,
}) => {
  const nonsense = `zq${uniqueWord()}`;
  await page.goto("/");
  await expect(resultLinks(page).first()).toBeVisible();
  const box = searchBox(page);
  await box.pressSequentially(nonsense, { delay: 40 });
  await expect(page).toHaveURL(new RegExp(`[?&]q=${nonsense}(&|$)`));
  await expect(page.getByRole("heading", { name: "Nothing found" })).toBeVisible();

  // Cleared: a new session, which finds the practice and opens it. (A query no other test types: the
  // run's tests share one server, and another test's unopened search for the same words would be listed.)
  await box.press("Escape");
  await box.pressSequentially(ANSWERED_QUERY, { delay: 40 });
  // The address holds the whole query once the last keystroke's search has run: then open the result.
  await expect(page).toHaveURL(/[?&]q=noisy(\+|%20)teenagers(\+|%20)quiet(\+|%20)area(&|$)/);
  await expect(resultLinks(page).first()).toHaveText(ANSWERED_TITLE);
  await resultLinks(page).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(ANSWERED_TITLE);
  await page.getByRole("button", { name: "Used at the desk" }).click();
  await expect(page.getByRole("button", { name: "Noted: used at the desk" })).toBeDisabled();
  await expectNoAxeViolations(page);

  await expect
    .poll(async () => (await unanswered()).find((item) => item.query === nonsense)?.count, { timeout: 15_000 })
    .toBe(1);
  const items = await unanswered();
  // Not once per keystroke: no prefix of the nonsense word is listed on its own.
  expect(items.filter((item) => nonsense.startsWith(item.query) && item.query !== nonsense)).toEqual([]);
  // The session that opened a practice is answered.
  expect(items.find((item) => item.examples.includes(ANSWERED_QUERY))).toBeUndefined();
});

test("did this help? A no asks what was missing; the team lead reads it, without the email typed in it", async ({
  page,
}) => {
  const id = "en-noisy-teenagers-quiet-area";
  await page.goto(`/practices/${id}`);
  await page.getByRole("button", { name: "No" }).click();
  await expect(page.getByText("Thank you! Your answer helps")).toBeVisible();
  const reason = page.getByLabel("What was missing or wrong?");
  await expect(reason).toBeVisible();
  await expectNoAxeViolations(page);
  await reason.fill("Nothing about groups of adults; write to me at desk.jan@example.org");
  await page.getByRole("button", { name: "Send" }).click();
  await expect(reason).toHaveCount(0);
  await expect(page.getByText("Thank you! Your answer helps")).toBeVisible();

  const curator = await apiAs("curator");
  const feedback = async () =>
    (await (await curator.get(`/api/insights/practices/${id}/feedback`)).json()) as {
      notHelpfulCount: number;
      reasons: { reason: string }[];
    };
  // Votes become searchable at the next refresh of their index (within a second).
  await expect
    .poll(async () => (await feedback()).reasons[0]?.reason)
    .toBe("Nothing about groups of adults; write to me at [email]");
  expect((await feedback()).notHelpfulCount).toBeGreaterThanOrEqual(1);
  await curator.dispose();
});
