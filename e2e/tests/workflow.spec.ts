import { expect, type Page, test } from "@playwright/test";
import {
  apiAs,
  createApprovedPractice,
  createPracticeAsStaff,
  labelledFor,
  pageAs,
  resultLinks,
  searchBox,
  uniqueWord,
} from "./fixtures";

/** The queue item (an article named by the practice's title) on the review page. */
function queueItem(page: Page, title: string) {
  return page.getByRole("article", { name: title });
}

test("the whole workflow: staff propose, the team lead asks for a change, staff fix it, the team lead approves, the desk finds it", async ({
  page,
  browser,
}) => {
  const word = uniqueWord();
  const title = `Reader asks to borrow a ${word} charger`;

  // Staff propose a practice through the form and send it for review.
  await page.goto("/propose");
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Situation", { exact: true }).fill(`A reader asks whether the desk lends a ${word} charger.`);
  await page
    .getByLabel("Situation type")
    .selectOption({ label: "Service request (registration, borrowing, renewals)" });
  await page.getByRole("group", { name: "Channels" }).getByLabel("In person").check();
  await page.getByLabel("Steps").fill("Say what the desk can lend.\nPoint to the charging station.");
  await page.getByLabel("Note to the team lead").fill("We get this question every day.");
  await page.getByRole("button", { name: "Send for review" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sent for review");

  // The team lead, in a browser of their own, sees the queue's count in the navigation.
  const curator = await pageAs(browser, "curator");
  await curator.goto("/");
  const reviewLink = curator.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /^Review/ });
  await expect(reviewLink).toHaveAccessibleName(/^Review\W+\d+ items? waiting for review$/);
  const badge = Number(await reviewLink.locator(".nav-badge [aria-hidden]").textContent());
  expect(badge).toBeGreaterThanOrEqual(1);

  await reviewLink.click();
  await expect(curator.getByRole("heading", { level: 1 })).toHaveText("Review queue");
  const item = queueItem(curator, title);
  await expect(item).toContainText("By Demo Staff");
  await expect(item.locator(".notice-note")).toContainText("We get this question every day.");
  await expect(item.locator(".proposed")).toContainText("Point to the charging station.");

  // Asking for changes needs a comment.
  await item.getByRole("button", { name: labelledFor("Request changes", title) }).click();
  const comment = item.getByLabel("What should the author change?");
  await expect(comment).toBeFocused();
  await item.getByRole("button", { name: "Send back to the author" }).click();
  await expect(item.getByText("Write a comment for the author.")).toBeVisible();
  await comment.fill("Please add what to say to the reader.");
  await item.getByRole("button", { name: "Send back to the author" }).click();
  await expect(curator.getByRole("status").first()).toHaveText(`Sent “${title}” back to its author.`);
  await expect(queueItem(curator, title)).toHaveCount(0);

  // Staff see the comment in "My practices", fix the practice and send it again.
  await page.goto("/my-practices");
  const mine = page.getByRole("article", { name: title });
  await expect(mine).toContainText("Changes requested");
  await expect(mine.locator(".notice-comment")).toContainText("Please add what to say to the reader.");
  await mine.getByRole("link", { name: labelledFor("Edit", title) }).click();
  await expect(page.getByLabel("Title")).toHaveValue(title);
  await expect(page.getByText("Please add what to say to the reader.")).toBeVisible();
  await page.getByLabel("Phrases to say").fill("The charging station by the window is free to use.");
  await page.getByRole("button", { name: "Save and send for review" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sent for review");

  // The team lead approves it.
  await curator.reload();
  const again = queueItem(curator, title);
  await expect(again).toContainText("The charging station by the window is free to use.");
  await expect(again.locator(".notice-comment")).toContainText("Please add what to say to the reader.");
  await again.getByRole("button", { name: labelledFor("Approve", title) }).click();
  await expect(curator.getByRole("status").first()).toHaveText(`Approved “${title}”. It now shows in desk search.`);
  await expect(queueItem(curator, title)).toHaveCount(0);

  // The librarian at the desk finds it by typing words from its title.
  await page.goto("/");
  await searchBox(page).fill(`${word} charger`);
  await expect(resultLinks(page).first()).toHaveText(title);
  await resultLinks(page).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.getByRole("region", { name: "Say", exact: true })).toContainText("The charging station");

  await curator.context().close();
});

test("an edit of an approved practice waits in the queue with its diff while the desk keeps the approved text", async ({
  page,
  browser,
}) => {
  const word = uniqueWord();
  const practice = await createApprovedPractice(word);
  const newTitle = `Reader leaves a ${word} umbrella in the reading room`;

  await page.goto(`/practices/${practice.id}`);
  await page.getByRole("link", { name: "Propose an edit" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Propose an edit");
  await page.getByLabel("Title").fill(newTitle);
  await page.getByLabel("Steps").fill("Check the lost property box.\nAsk when the reader was in the reading room.");
  await page.getByLabel("Note to the team lead").fill("Most umbrellas are found in the reading room.");
  await page.getByRole("button", { name: "Send edit for review" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Edit sent for review");

  // The desk still finds and shows the approved text, and says an edit is waiting.
  await page.goto("/");
  // The made-up word is in no other practice, so it finds exactly this one.
  await searchBox(page).fill(word);
  await expect(resultLinks(page)).toHaveText([practice.title]);
  await resultLinks(page).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(practice.title);
  await expect(page.getByText("An edit by Demo Staff is waiting for review.")).toBeVisible();

  // The team lead sees it as a proposed edit, with what changed marked as inserted and deleted text.
  const curator = await pageAs(browser, "curator");
  await curator.goto("/review");
  const edits = curator.getByRole("region", { name: /^Edits of approved practices/ });
  const item = edits.getByRole("article", { name: newTitle });
  await expect(item).toContainText("Edit in review");
  await expect(item.locator(".notice-note")).toContainText("Most umbrellas are found in the reading room.");
  const diff = item.locator(".diff");
  await expect(diff.locator("ins", { hasText: "reading" }).first()).toBeVisible();
  await expect(diff.locator("del", { hasText: "desk" }).first()).toBeVisible();
  await expect(diff.locator("ins", { hasText: "Ask when the reader was in the reading room." })).toBeVisible();
  await expect(diff.locator("del", { hasText: "Describe the umbrella back to the reader." })).toBeVisible();
  // Not colour alone: each change is also said in words.
  await expect(diff.locator("ins .visually-hidden").first()).toHaveText("[added: ");
  await expect(diff.locator("del .visually-hidden").first()).toHaveText("[removed: ");

  await item.getByRole("button", { name: labelledFor("Approve", newTitle) }).click();
  await expect(curator.getByRole("status").first()).toContainText(`Approved “${newTitle}”`);

  // Approved: the desk now shows the new text.
  await page.goto("/");
  await searchBox(page).fill(word);
  await expect(resultLinks(page)).toHaveText([newTitle]);
  await curator.context().close();
});

test("two people editing the same practice: the second save is refused, clearly, and keeps the text typed", async ({
  page,
  browser,
}) => {
  const word = uniqueWord();
  const practice = await createPracticeAsStaff(word);

  // The author and a team lead open the same practice (in review) for editing.
  await page.goto(`/practices/${practice.id}/edit`);
  const curator = await pageAs(browser, "curator");
  await curator.goto(`/practices/${practice.id}/edit`);
  await expect(curator.getByLabel("Title")).toHaveValue(practice.title);

  // The team lead saves first.
  const theirTitle = `Reader calls about a ${word} umbrella left behind`;
  await curator.getByLabel("Title").fill(theirTitle);
  await curator.getByRole("button", { name: "Save changes" }).click();
  await expect(curator.getByRole("heading", { level: 1 })).toHaveText("Changes saved");

  // The author's save, started from the older revision, is refused; their text stays in the form.
  const myTitle = `Reader forgets a ${word} umbrella on a rainy day`;
  await page.getByLabel("Title").fill(myTitle);
  await page.getByLabel("Situation", { exact: true }).fill("My own longer description of the situation.");
  await page.getByRole("button", { name: "Save changes" }).click();
  const conflict = page.getByRole("alert");
  await expect(conflict).toContainText("Someone else changed this practice meanwhile");
  await expect(conflict).toContainText("Reload to see their version; your text is kept below");
  await expect(conflict).toContainText("Demo Curator");
  await expect(page.getByLabel("Title")).toHaveValue(myTitle);
  await expect(page.getByLabel("Situation", { exact: true })).toHaveValue(
    "My own longer description of the situation.",
  );

  // Nothing was overwritten: the practice has the team lead's title.
  const staff = await apiAs("staff");
  expect((await (await staff.get(`/api/practices/${practice.id}`)).json()).title).toBe(theirTitle);
  await staff.dispose();

  // Loading their version replaces the form with it; saving from there works.
  await conflict.getByRole("button", { name: "Load their version (replaces your text)" }).click();
  await expect(page.getByLabel("Title")).toHaveValue(theirTitle);
  await expect(page.getByRole("alert")).toHaveCount(0);
  await page.getByLabel("Title").fill(myTitle);
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Changes saved");
  await curator.context().close();
});

test("the history lists every revision and shows the difference between any two", async ({ page }) => {
  const word = uniqueWord();
  const practice = await createPracticeAsStaff(word, { submit: false });
  const staff = await apiAs("staff");
  const edited = await staff.put(`/api/practices/${practice.id}`, {
    language: "en",
    title: `Reader leaves a ${word} raincoat at the desk`,
    situation: `A reader forgot a ${word} raincoat at the desk and calls back later.`,
    situationType: "service-request",
    channels: ["in-person"],
    response: ["Check the lost property box."],
    baseRevision: practice.meta.revision,
    comment: "Raincoats, not umbrellas",
  });
  expect(edited.status()).toBe(200);
  expect((await staff.post(`/api/practices/${practice.id}/submit`, { baseRevision: 2 })).status()).toBe(200);
  await staff.dispose();

  await page.goto(`/practices/${practice.id}`);
  await page.getByRole("link", { name: "History" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("History");
  const revisions = page.locator(".revision");
  await expect(revisions).toHaveCount(3);
  await expect(revisions.nth(0)).toContainText("Revision 3 · Sent for review");
  await expect(revisions.nth(1)).toContainText("Revision 2 · Edited");
  await expect(revisions.nth(1)).toContainText("Demo Staff (Staff)");
  await expect(revisions.nth(1)).toContainText("“Raincoats, not umbrellas”");
  await expect(revisions.nth(2)).toContainText("Revision 1 · Created as a draft");

  // Compare the first and the second revision, with the keyboard-reachable radios.
  await page.getByLabel("Compare from revision 1").check();
  await page.getByLabel("Compare to revision 2").check();
  await page.getByRole("button", { name: "Compare" }).click();
  await expect(page).toHaveURL(/\?(?=.*\bfrom=1\b)(?=.*\bto=2\b)/);
  const heading = page.getByRole("heading", { name: "Changes from revision 1 to revision 2" });
  await expect(heading).toBeFocused();
  const diff = page.locator(".history-diff");
  await expect(diff.locator("del", { hasText: "umbrella" }).first()).toBeVisible();
  await expect(diff.locator("ins", { hasText: "raincoat" }).first()).toBeVisible();
  await expect(diff.locator("del", { hasText: "Phone" })).toBeVisible();
  await expect(diff).toContainText("Channels");
});

test("team leads archive and restore on the practice page, and confirm a practice due for review in one click", async ({
  browser,
}) => {
  const word = uniqueWord();
  const practice = await createApprovedPractice(word);
  const curator = await pageAs(browser, "curator");

  await curator.goto(`/practices/${practice.id}`);
  const actions = curator.getByRole("form", { name: "Team lead actions" });
  await actions.getByRole("button", { name: "Archive" }).click();
  await expect(curator.getByText("Archived. It no longer shows in desk search.")).toBeVisible();
  await expect(curator.locator(".workflow-status")).toContainText("Archived");
  await actions.getByRole("button", { name: "Restore" }).click();
  await expect(curator.getByText("Restored.")).toBeVisible();
  await expect(curator.locator(".workflow-status")).toHaveCount(0);

  // A practice past its review-by date (imported so) waits in the queue as "due for review".
  const id = `e2e-due-${word}`;
  const title = `Reader returns a ${word} book very late`;
  const api = await apiAs("curator");
  const imported = await api.post("/api/import", {
    format: "practice-kb/v1",
    practices: [
      {
        id,
        language: "en",
        title,
        situation: "A reader returns a book a year late.",
        situationType: "service-request",
        channels: ["in-person"],
        response: ["Thank them for bringing it back."],
        status: "approved",
        reviewBy: "2020-01-01",
      },
    ],
  });
  expect(imported.status(), await imported.text()).toBe(200);
  await api.dispose();

  await curator.goto("/review");
  const due = curator.getByRole("region", { name: /^Due for review/ });
  const item = due.getByRole("article", { name: title });
  await expect(item).toContainText("Review was due");
  await item.getByRole("button", { name: labelledFor("Still valid", title) }).click();
  await expect(curator.getByRole("status").first()).toHaveText(`Confirmed that “${title}” is still valid.`);
  await expect(due.getByRole("article", { name: title })).toHaveCount(0);
  await curator.context().close();
});

test("a draft is sent for review from “My practices”, and a rejection shows its reason there", async ({
  page,
  browser,
}) => {
  const word = uniqueWord();
  const draft = await createPracticeAsStaff(word, { submit: false });

  await page.goto("/my-practices");
  const mine = page.getByRole("region", { name: /^Drafts and sent back to you/ }).getByRole("article", {
    name: draft.title,
  });
  await expect(mine).toContainText("Draft");
  await mine.getByRole("button", { name: labelledFor("Send for review", draft.title) }).click();
  const waiting = page.getByRole("region", { name: /^Waiting for review/ }).getByRole("article", { name: draft.title });
  await expect(waiting).toContainText("In review");
  const status = page.getByRole("status").first();
  await expect(status).toHaveText(`Sent “${draft.title}” for review.`);
  await expect(status).toBeFocused();

  const curator = await pageAs(browser, "curator");
  await curator.goto("/review");
  const item = queueItem(curator, draft.title);
  await item.getByRole("button", { name: labelledFor("Reject", draft.title) }).click();
  await item.getByRole("button", { name: "Reject", exact: true }).click();
  await expect(item.getByText("Write a comment for the author.")).toBeVisible();
  await item.getByLabel("Why is it rejected?").fill("We already have a practice for lost property.");
  await item.getByRole("button", { name: "Reject", exact: true }).click();
  await expect(curator.getByRole("status").first()).toHaveText(`Rejected “${draft.title}”.`);
  await curator.context().close();

  await page.reload();
  const rejected = page.getByRole("region", { name: /^Archived or rejected/ }).getByRole("article", {
    name: draft.title,
  });
  await expect(rejected).toContainText("Rejected");
  await expect(rejected.locator(".notice-comment")).toContainText("Reason for rejection");
  await expect(rejected.locator(".notice-comment")).toContainText("We already have a practice for lost property.");
});
