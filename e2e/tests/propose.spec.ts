import { expect, test } from "@playwright/test";

test("propose: an empty submit shows errors next to fields; a filled form is sent for review", async ({ page }) => {
  await page.goto("/propose");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Propose a practice");

  await page.getByRole("button", { name: "Send for review" }).click();
  const summary = page.getByRole("alert");
  await expect(summary).toContainText(/Please fix \d+ problems/);
  await expect(summary).toBeFocused();

  const title = page.getByLabel("Title");
  await expect(title).toHaveAttribute("aria-invalid", "true");
  const describedBy = (await title.getAttribute("aria-describedby")) ?? "";
  const errorId = describedBy.split(" ").find((id) => id.endsWith("-error"));
  expect(errorId).toBeTruthy();
  await expect(page.locator(`#${errorId}`)).toHaveText(/at least 3 characters/);
  await expect(page.getByLabel("Situation", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Steps")).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#field-channels-error")).toHaveText("Choose at least one.");

  // The summary links to the field.
  await summary.getByRole("link", { name: /^Title:/ }).click();
  await expect(title).toBeFocused();

  // Fill part of the form: nothing typed is lost on the next failed submit.
  await title.fill("Reader asks to charge a phone at the desk");
  await page
    .getByLabel("Situation", { exact: true })
    .fill("A reader asks whether they may charge their phone behind the desk.");
  await page.getByRole("button", { name: "Send for review" }).click();
  await expect(page.getByRole("alert")).toContainText(/Please fix \d+ problems?/);
  await expect(title).toHaveValue("Reader asks to charge a phone at the desk");
  await expect(title).not.toHaveAttribute("aria-invalid", "true");

  await page
    .getByLabel("Situation type")
    .selectOption({ label: "Service request (registration, borrowing, renewals)" });
  await page.getByRole("group", { name: "Channels" }).getByLabel("In person").check();
  await page.getByLabel("Steps").fill("Say what the desk can do.\nPoint to the public charging station.\n");
  await page.getByLabel("Phrases to say").fill("The charging station by the window is free to use.");
  await page.getByLabel("Tags").fill("phone, charging");
  await page.getByRole("button", { name: "Send for review" }).click();

  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sent for review");
  await expect(page.getByText("Reader asks to charge a phone at the desk")).toBeVisible();
  await page.getByRole("link", { name: "Propose another practice" }).click();
  await expect(page.getByLabel("Title")).toHaveValue("");
});

test("propose: the server's field problems are shown next to the fields too", async ({ page }) => {
  // The client checks the same schema first, so a valid form never gets a 400. Lengthen the title
  // on its way out to provoke a real 400 from the server and see its problem land on the field.
  await page.route("**/api/practices", async (route) => {
    const body = route.request().postDataJSON();
    await route.continue({ postData: JSON.stringify({ ...body, title: "x".repeat(201) }) });
  });
  await page.goto("/propose?title=Server-checked%20proposal");
  await page.getByLabel("Situation", { exact: true }).fill("Something happens.");
  await page.getByLabel("Situation type").selectOption({ index: 1 });
  await page.getByRole("group", { name: "Channels" }).getByLabel("Phone").check();
  await page.getByLabel("Steps").fill("Do the right thing.");
  await page.getByRole("button", { name: "Send for review" }).click();
  await expect(page.getByRole("alert")).toContainText("Please fix 1 problem:");
  await expect(page.getByLabel("Title")).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#field-title-error")).toContainText("200");
  // What the user typed is still there.
  await expect(page.getByLabel("Title")).toHaveValue("Server-checked proposal");
  await expect(page.getByLabel("Steps")).toHaveValue("Do the right thing.");
});

test("propose: a send whose answer was lost, sent again, stores one practice", async ({ page }) => {
  const word = `kiwi${Date.now().toString(36)}`;
  // The first send reaches the server and is stored, but its answer never reaches the browser.
  let lost = false;
  await page.route("**/api/practices", async (route) => {
    if (lost || route.request().method() !== "POST") return route.continue();
    lost = true;
    await route.fetch();
    await route.abort("connectionreset");
  });
  await page.goto(`/propose?title=${encodeURIComponent(`Reader asks about ${word} lockers`)}`);
  await page.getByLabel("Situation", { exact: true }).fill("A reader asks whether the lockers can be used overnight.");
  await page.getByLabel("Situation type").selectOption({ index: 1 });
  await page.getByRole("group", { name: "Channels" }).getByLabel("In person").check();
  await page.getByLabel("Steps").fill("Explain the locker hours.");
  await page.getByRole("button", { name: "Send for review" }).click();
  await expect(page.getByRole("alert")).toContainText("The server is not answering");
  // The librarian tries again: the same proposal comes back, no second one is stored.
  await page.getByRole("button", { name: "Send for review" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sent for review");
  await page.goto("/my-practices");
  await expect(page.getByRole("link", { name: `Reader asks about ${word} lockers`, exact: true })).toHaveCount(1);
});
