import { expect, type Page, test } from "@playwright/test";
import {
  apiAs,
  createApprovedPractice,
  createPracticeAsStaff,
  expectNoAxeViolations,
  labelledFor,
  pageAs,
  practiceText,
  uniqueWord,
} from "./fixtures";

/** The queue item (an article named by the practice's title) on the review page. */
function queueItem(page: Page, title: string) {
  return page.getByRole("article", { name: title });
}

test("the review loop: sent back, the author replies with a rework, the team lead sees the reply and what changed, and approves", async ({
  page,
  browser,
}) => {
  const word = uniqueWord();
  const created = await createPracticeAsStaff(word, { sayPhrases: [] });
  const title = created.title;

  // The team lead sends it back from the queue.
  const curator = await pageAs(browser, "curator");
  await curator.goto("/review");
  const item = queueItem(curator, title);
  await item.getByRole("button", { name: labelledFor("Request changes", title) }).click();
  await item.getByLabel("What should the author change?").fill("Please add what to say to the reader.");
  await item.getByRole("button", { name: "Send back to the author" }).click();
  await expect(curator.getByRole("status").first()).toHaveText(`Sent “${title}” back to its author.`);

  // Staff rework it and reply in the same form.
  await page.goto(`/practices/${created.id}/edit`);
  await expect(page.getByText("Please add what to say to the reader.")).toBeVisible();
  await page.getByLabel("Phrases to say").fill(`Your ${word} umbrella is in the lost property box.`);
  await page.getByLabel("Reply to the team lead").fill("Added the phrase we use at the desk.");
  await page.getByRole("button", { name: "Save and send for review" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sent for review");

  // The team lead sees their comment beside the reply, and only what changed since they sent it back.
  await curator.reload();
  const again = queueItem(curator, title);
  const round = again.locator(".review-round");
  await expect(round).toContainText("You sent it back");
  await expect(round).toContainText("Please add what to say to the reader.");
  await expect(round).toContainText("Reply from Demo Staff");
  await expect(round).toContainText("Added the phrase we use at the desk.");
  const since = again.locator(".queue-diff").filter({ hasText: "Changes since it was sent back" });
  await expect(since.locator(".diff-fields ins")).toContainText(`Your ${word} umbrella is in the lost property box.`);
  await expect(since.getByRole("heading", { level: 5 })).toHaveText(["Phrases to say"]);
  await expectNoAxeViolations(curator);

  await again.getByRole("button", { name: labelledFor("Approve", title) }).click();
  await expect(curator.getByRole("status").first()).toHaveText(`Approved “${title}”. It now shows in desk search.`);
  await curator.context().close();
});

test("a team lead's own change waits for another reviewer: no Approve, and why", async ({ browser }) => {
  const word = uniqueWord();
  const curatorApi = await apiAs("curator");
  const response = await curatorApi.post("/api/practices", { ...practiceText(word), submit: true });
  expect(response.status()).toBe(201);
  const own = await response.json();

  const curator = await pageAs(browser, "curator");
  await curator.goto("/review");
  const item = queueItem(curator, own.title);
  await expect(item).toContainText("You made this change, so another team lead must approve it");
  await expect(item.getByRole("button", { name: labelledFor("Approve", own.title) })).toHaveCount(0);
  await expect(item.getByRole("button", { name: labelledFor("Request changes", own.title) })).toBeVisible();
  await expectNoAxeViolations(curator);

  // The administrator is another reviewer and may approve it.
  const admin = await pageAs(browser, "administrator");
  await admin.goto("/review");
  await queueItem(admin, own.title)
    .getByRole("button", { name: labelledFor("Approve", own.title) })
    .click();
  await expect(admin.getByRole("status").first()).toContainText(`Approved “${own.title}”`);
  await Promise.all([curatorApi.dispose(), curator.context().close(), admin.context().close()]);
});

test("a history opens on what changed: an approved edit against the text approved before", async ({ page }) => {
  const word = uniqueWord();
  const practice = await createApprovedPractice(word);
  const staff = await apiAs("staff");
  const edited = await staff.put(`/api/practices/${practice.id}`, {
    ...practiceText(word, { situation: `A reader left a ${word} umbrella in the reading room.` }),
    baseRevision: practice.meta.revision,
  });
  expect(edited.status()).toBe(200);
  await staff.dispose();
  const curatorApi = await apiAs("curator");
  expect((await curatorApi.post(`/api/practices/${practice.id}/approve`)).status()).toBe(200);
  await curatorApi.dispose();

  // Revisions: 1 sent for review, 2 approved, 3 edit proposed, 4 approved (the same text as 3).
  await page.goto(`/practices/${practice.id}/history`);
  const diff = page.getByRole("region", { name: "Changes from revision 2 to revision 4" });
  await expect(diff).toBeVisible();
  await expect(diff).not.toContainText("No differences");
  await expect(diff.getByRole("heading", { level: 3 })).toHaveText(["Situation"]);
  await expect(diff.locator(".diff-fields ins")).toContainText(["left", "in", "reading", "room"]);
  await expect(page.getByRole("radio", { name: "Compare from revision 2" })).toBeChecked();
  await expect(page.getByRole("radio", { name: "Compare to revision 4" })).toBeChecked();
  await expectNoAxeViolations(page);
});
