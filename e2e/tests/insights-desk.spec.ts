import { expect, test } from "@playwright/test";
import { ANGRY_PHONE, apiAs, resultLinks, searchBox, uniqueWord } from "./fixtures";

interface Unanswered {
  items: { query: string; count: number; examples: string[] }[];
}

/** What the team lead's insight lists as unanswered now (the server writes events every 200 ms here). */
async function unanswered(): Promise<Unanswered["items"]> {
  const curator = await apiAs("curator");
  const response = await curator.get("/api/insights/unanswered?limit=500");
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
  await expect(page.getByRole("heading", { name: "Nothing found" })).toBeVisible();

  // Cleared: a new session, which finds the practice and opens it.
  await box.press("Escape");
  await box.pressSequentially(ANGRY_PHONE.en.query, { delay: 40 });
  await expect(resultLinks(page).first()).toHaveText(ANGRY_PHONE.en.title);
  await resultLinks(page).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(ANGRY_PHONE.en.title);
  await page.getByRole("button", { name: "Used at the desk" }).click();
  await expect(page.getByRole("button", { name: "Noted: used at the desk" })).toBeDisabled();

  await expect
    .poll(async () => (await unanswered()).find((item) => item.query === nonsense)?.count, { timeout: 15_000 })
    .toBe(1);
  const items = await unanswered();
  // Not once per keystroke: no prefix of the nonsense word is listed on its own.
  expect(items.filter((item) => nonsense.startsWith(item.query) && item.query !== nonsense)).toEqual([]);
  // The session that opened a practice is answered.
  expect(items.find((item) => item.examples.includes(ANGRY_PHONE.en.query))).toBeUndefined();
});
