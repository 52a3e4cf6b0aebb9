import { expect, type Locator, type Page, test } from "@playwright/test";
import {
  ANGRY_PHONE,
  apiAs,
  expectNoAxeViolations,
  horizontalOverflow,
  LOGGED_OUT,
  logInThroughForm,
  pageAs,
  uniqueWord,
} from "./fixtures";

/** Presses Tab until the locator has the focus (keyboard only, as a person without a mouse would). */
async function tabTo(page: Page, target: Locator, limit = 80): Promise<void> {
  for (let presses = 0; presses < limit; presses++) {
    await page.keyboard.press("Tab");
    if (await target.evaluate((element) => element === document.activeElement)) return;
  }
  throw new Error(`Tab never reached ${target}`);
}

test("a new staff member runs a five-drill set by keyboard at phone width, and the lead sees the set's results", async ({
  browser,
}) => {
  test.slow();
  const word = uniqueWord();
  const admin = await apiAs("administrator");
  const curator = await apiAs("curator");

  // Five approved seed practices in four languages, hand-picked by the lead as a set with a name.
  const found = await (await admin.get("/api/search?language=en")).json();
  const englishIds = (found.hits as { id: string }[]).map((hit) => hit.id).filter((id) => id !== ANGRY_PHONE.en.id);
  const practiceIds = [...Object.values(ANGRY_PHONE).map((entry) => entry.id), englishIds[0]];
  const setName = `First week ${word}`;
  const created = await curator.post("/api/drills/sets", { name: setName, practiceIds });
  expect(created.status(), await created.text()).toBe(201);
  const setId = (await created.json()).id as string;

  const email = `new-staff-${word}@demo.local`;
  const account = await admin.post("/api/users", {
    email,
    name: `New Staff ${word}`,
    role: "staff",
    password: "new-staff-1",
  });
  expect(account.status(), await account.text()).toBe(201);

  const context = await browser.newContext({
    storageState: LOGGED_OUT,
    locale: "en-US",
    viewport: { width: 360, height: 740 },
  });
  const page = await context.newPage();
  await page.goto("/login");
  await logInThroughForm(page, email, "new-staff-1");
  await expect(page.getByRole("heading", { name: "Find a practice" })).toBeVisible();
  await page.goto("/drills");
  await expect(page.getByRole("heading", { name: "Drills", level: 1 })).toBeVisible();
  await expectNoAxeViolations(page);
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

  await tabTo(page, page.getByRole("link", { name: `Start “${setName}”` }));
  await page.keyboard.press("Enter");

  const ratings = ["1", "2", "3", "1", "3"];
  for (const [index, key] of ratings.entries()) {
    await expect(page.getByText(`Drill ${index + 1} of 5`)).toBeVisible();
    const answer = page.getByRole("textbox", { name: "Your answer (optional)" });
    await expect(answer).toBeFocused();
    if (index === 0) {
      await expectNoAxeViolations(page);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    }
    if (index % 2 === 0) await page.keyboard.type(`I would listen first and apologise (${word}).`);
    await page.keyboard.press("Control+Enter");
    await expect(page.getByRole("group", { name: "How did you do?" })).toBeVisible();
    if (index === 0) {
      await expect(page.getByRole("heading", { name: "Your answer" })).toBeVisible();
      await expect(page.getByRole("button", { name: "My answer was better: propose a change" })).toBeVisible();
      await expectNoAxeViolations(page);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    }
    await page.keyboard.press(key);
  }
  await expect(page.getByRole("heading", { name: "Set finished" })).toBeFocused();
  await expect(page.getByText("5 drills rated: 2 handled, 1 partly, 2 would have gone wrong.")).toBeVisible();
  await expectNoAxeViolations(page);

  // The learner's own history shows their answers; the lead's results show ratings and counts only.
  await page.goto("/drills");
  await expect(page.getByRole("cell", { name: `I would listen first and apologise (${word}).` }).first()).toBeVisible();

  const lead = await pageAs(browser, "curator");
  await lead.goto(`/drills/${setId}/results`);
  await expect(lead.getByRole("heading", { name: `Results: ${setName}` })).toBeVisible();
  const row = lead.getByRole("row", { name: new RegExp(`New Staff ${word}`) });
  await expect(row.getByRole("cell").nth(0)).toHaveText("5");
  await expect(lead.getByTestId("drill-results-totals")).toHaveText(
    "5 drills: 2 handled, 1 partly, 2 would have gone wrong.",
  );
  await expect(lead.locator("main")).not.toContainText("I would listen first"); // never a learner's answer
  await expectNoAxeViolations(lead);
  await context.close();
  await lead.context().close();
  await admin.dispose();
  await curator.dispose();
});

test("a lead hand-picks practices for a set by words of their titles, in the order chosen", async ({ browser }) => {
  const lead = await pageAs(browser, "curator");
  const setName = `Phone week ${uniqueWord()}`;
  await lead.goto("/drills");
  await lead.getByLabel("Name", { exact: true }).fill(setName);
  const find = lead.getByLabel("Find a practice to add");
  // Enter adds the first match without sending the form.
  await find.fill("angry caller");
  await expect(lead.getByRole("button", { name: `Add “${ANGRY_PHONE.en.title} (English)”` })).toBeVisible();
  await find.press("Enter");
  await expect(lead.getByRole("status").filter({ hasText: "Added" })).toHaveText(`Added “${ANGRY_PHONE.en.title}”.`);
  // Half-typed Polish, then added by its button and moved to the top.
  await find.fill("zarezerwowana książ");
  await lead.getByRole("button", { name: `Add “${ANGRY_PHONE.pl.title} (Polski)”` }).click();
  await find.fill("no such practice anywhere");
  await expect(lead.getByText("No approved practice matches.")).toBeVisible();
  const picked = lead.getByRole("list", { name: "Picked, in order" });
  await expect(picked.getByRole("listitem")).toHaveText([
    new RegExp(ANGRY_PHONE.en.title.slice(0, 20)),
    new RegExp(ANGRY_PHONE.pl.title.slice(0, 20)),
  ]);
  await lead.getByRole("button", { name: `Move “${ANGRY_PHONE.pl.title}” up` }).click();
  await expectNoAxeViolations(lead);
  await lead.getByRole("button", { name: "Create set" }).click();
  await expect(lead.getByText(`Set “${setName}” created.`)).toBeVisible();
  const entry = lead.getByRole("listitem").filter({ has: lead.getByRole("heading", { name: setName }) });
  await expect(entry).toContainText("A hand-picked list · 2 practices");

  const curator = await apiAs("curator");
  const sets = (await (await curator.get("/api/drills/sets")).json()).sets as { name: string; practiceIds: string[] }[];
  expect(sets.find((set) => set.name === setName)?.practiceIds).toEqual([ANGRY_PHONE.pl.id, ANGRY_PHONE.en.id]);
  await curator.dispose();
  await lead.context().close();
});
