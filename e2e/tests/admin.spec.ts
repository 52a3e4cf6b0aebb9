import { expect, test } from "@playwright/test";
import {
  ACCOUNTS,
  apiAs,
  createPracticeAsStaff,
  LOGGED_OUT,
  labelledFor,
  logInThroughForm,
  STORAGE_STATES,
  uniqueWord,
} from "./fixtures";

test.describe("administrator", () => {
  test.use({ storageState: STORAGE_STATES.administrator });

  test("creates a user, who logs in; changes the role, deactivates, reactivates and sets a new password", async ({
    page,
    browser,
  }) => {
    const word = uniqueWord();
    const email = `${word}@library.example`;
    const name = `Desk Person ${word}`;

    await page.goto("/");
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link")).toHaveText([
      "Search",
      "Propose a practice",
      "My practices",
      "Drills",
      /^Review/,
      "Insight",
      "Taxonomy",
      "Users",
      "API tokens",
    ]);
    await page.getByRole("link", { name: "Users" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Users");

    // Errors are shown next to the fields.
    const create = page.getByRole("region", { name: "Create an account" });
    await create.getByRole("button", { name: "Create account" }).click();
    await expect(create.getByLabel("Name")).toHaveAttribute("aria-invalid", "true");
    await expect(create.locator("#field-new-user-password-error")).toHaveText("Fill in this field.");

    await create.getByLabel("Name").fill(name);
    await create.getByLabel("Email").fill(email);
    await create.getByLabel("Role").selectOption({ label: "Staff" });
    await create.getByLabel("First password").fill("short");
    await create.getByRole("button", { name: "Create account" }).click();
    await expect(create.locator("#field-new-user-password-error")).toHaveText("Use at least 8 characters.");
    await create.getByLabel("First password").fill("first-password-1");
    await create.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByRole("status").first()).toHaveText(`Created the account of ${name}.`);

    const row = page.getByRole("article", { name: name });
    await expect(row).toContainText(email);
    await expect(row).toContainText("Active");
    await expect(row).toContainText("Never logged in");

    // The same email twice is refused next to the field.
    await create.getByLabel("Name").fill(name);
    await create.getByLabel("Email").fill(email);
    await create.getByLabel("First password").fill("first-password-1");
    await create.getByRole("button", { name: "Create account" }).click();
    await expect(create.locator("#field-new-user-email-error")).toHaveText(
      "An account with this email exists already.",
    );

    // The new person logs in through the form, in a browser of their own.
    const context = await browser.newContext({ storageState: LOGGED_OUT, baseURL: test.info().project.use.baseURL });
    const person = await context.newPage();
    await person.goto("/login");
    await logInThroughForm(person, email, "first-password-1");
    await expect(person.getByRole("banner")).toContainText(name);
    await expect(person.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /^Review/ })).toHaveCount(
      0,
    );

    // A team lead now.
    await row.getByLabel(`Role of ${name}`).selectOption("curator");
    await row.getByRole("button", { name: labelledFor("Change role", name) }).click();
    await expect(page.getByRole("status").first()).toHaveText(`Changed the role of ${name}.`);
    await expect(row.locator(".role-badge")).toHaveText("Curator");

    // Deactivated: the session ends and a login is refused with a clear word.
    await row.getByRole("button", { name: labelledFor("Deactivate", name) }).click();
    await expect(row).toContainText("Deactivated");
    await person.goto("/my-practices");
    await expect(person).toHaveURL(/\/login/);
    await logInThroughForm(person, email, "first-password-1");
    await expect(person.getByRole("alert")).toHaveText(
      "This account is deactivated. Ask an administrator to reactivate it.",
    );

    // Reactivated, with a new password.
    await row.getByRole("button", { name: labelledFor("Reactivate", name) }).click();
    await expect(row).toContainText("Active");
    await row.getByRole("button", { name: labelledFor("Set new password", name) }).click();
    await row.getByLabel(`New password for ${name}`).fill("second-password-2");
    await row.getByRole("button", { name: "Set password" }).click();
    await expect(page.getByRole("status").first()).toHaveText(
      `Set a new password for ${name}. Their sessions have ended.`,
    );
    await logInThroughForm(person, email, "second-password-2");
    await expect(person.getByRole("heading", { level: 1 })).toHaveText("My practices");
    await expect(person.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /^Review/ })).toBeVisible();
    await context.close();
  });

  test("creates an API token shown once with a copy button, which works as a Bearer token until revoked", async ({
    page,
    context,
    playwright,
  }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    const name = `Intranet export ${uniqueWord()}`;
    await page.goto("/admin/tokens");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("API tokens");

    const create = page.getByRole("region", { name: "Create a token" });
    await create.getByRole("button", { name: "Create token" }).click();
    await expect(create.locator("#field-new-token-name-error")).toHaveText("Fill in this field.");
    await create.getByLabel("Name").fill(name);
    await create.getByLabel("Role").selectOption({ label: "Curator" });
    await create.getByRole("button", { name: "Create token" }).click();

    const shown = page.getByRole("region", { name: `Token “${name}” created` });
    await expect(shown).toContainText("it is shown only this once");
    const secret = await shown.getByLabel("The new token").inputValue();
    expect(secret.length).toBeGreaterThan(20);
    await shown.getByRole("button", { name: "Copy" }).click();
    await expect(shown.getByRole("button", { name: "Copied" })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);

    // The token works as "Authorization: Bearer" with the role it was made for (no cookies sent).
    const integration = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
    const headers = { Authorization: `Bearer ${secret}` };
    const session = await integration.get("/api/auth/session", { headers });
    expect(session.status()).toBe(200);
    expect((await session.json()).user).toMatchObject({ name, role: "curator" });

    // Listed (never with its secret); after a reload the secret is gone for good.
    await page.reload();
    await expect(page.getByRole("region", { name: `Token “${name}” created` })).toHaveCount(0);
    await expect(page.locator("body")).not.toContainText(secret);
    const row = page.getByRole("article", { name });
    await expect(row).toContainText("Curator");
    await expect(row).toContainText("Active");

    await row.getByRole("button", { name: labelledFor("Revoke", name) }).click();
    await row.getByRole("button", { name: "Revoke", exact: true }).click();
    await expect(page.getByRole("status").first()).toHaveText(`Revoked “${name}”.`);
    await expect(row).toContainText("Revoked");
    expect((await integration.get("/api/review-queue", { headers })).status()).toBe(401);
    await integration.dispose();
  });
});

test.describe("team lead", () => {
  test.use({ storageState: STORAGE_STATES.curator });

  test("keeps the taxonomy: adds with labels in every language, relabels, deletes, is told an entry in use cannot go, merges", async ({
    page,
  }) => {
    const word = uniqueWord();
    const first = `aud-${word}-a`;
    const second = `aud-${word}-b`;
    await page.goto("/");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Taxonomy" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Taxonomy");

    const audiences = page.getByRole("region", { name: /^Audiences/ });
    const add = async (id: string, english: string, ukrainian: string) => {
      await audiences.getByText("Add an audience").click();
      const form = audiences.locator(".add-entry form");
      await form.getByLabel("Identifier").fill(id);
      await form.getByLabel("Name in English").fill(english);
      await form.getByLabel("Name in Українська").fill(ukrainian);
      await form.getByLabel("Name in Polski").fill(`${english} (pl)`);
      await form.getByLabel("Name in Русский").fill(`${english} (ru)`);
      await form.getByRole("button", { name: "Add", exact: true }).click();
      await expect(page.getByRole("status").first()).toHaveText("Added.");
    };

    // A wrong identifier and a missing English name are explained next to the fields.
    await audiences.getByText("Add an audience").click();
    const form = audiences.locator(".add-entry form");
    await form.getByLabel("Identifier").fill("Not A Slug");
    await form.getByRole("button", { name: "Add", exact: true }).click();
    await expect(form.getByLabel("Identifier")).toHaveAttribute("aria-invalid", "true");
    await expect(form.locator("#field-new-audiences-label-en-error")).toHaveText("Fill in this field.");
    await audiences.getByText("Add an audience").click();

    await add(first, `Night owls ${word}`, `Сови ${word}`);
    await add(second, `Early birds ${word}`, `Жайворонки ${word}`);
    const entry = audiences.getByRole("article", { name: new RegExp(`^Night owls ${word}`) });
    await expect(entry).toContainText(`Сови ${word}`);

    // Relabel in Ukrainian.
    await entry.getByRole("button", { name: labelledFor("Edit labels", `Night owls ${word}`) }).click();
    await entry.getByLabel("Name in Українська").fill(`Нічні сови ${word}`);
    await entry.getByRole("button", { name: "Save labels" }).click();
    await expect(page.getByRole("status").first()).toHaveText(`Saved the labels of “${first}”.`);
    await expect(entry).toContainText(`Нічні сови ${word}`);

    // In use by a practice: deleting is refused with the count, and merging is offered.
    const practice = await createPracticeAsStaff(word, { submit: false, audiences: [first] });
    await entry.getByRole("button", { name: labelledFor("Delete", `Night owls ${word}`) }).click();
    await entry.getByRole("button", { name: "Delete", exact: true }).click();
    await expect(entry.getByRole("alert")).toHaveText(
      `“Night owls ${word}” is used by 1 practice, so it cannot be deleted. Merge it into another entry instead.`,
    );
    await entry.getByLabel(`Merge “Night owls ${word}” into`).selectOption(second);
    await entry.getByRole("button", { name: "Merge", exact: true }).click();
    await expect(page.getByRole("status").first()).toHaveText(
      `Merged “${first}” into “Early birds ${word}”: 1 practice moved.`,
    );
    await expect(entry).toHaveCount(0);
    const curator = await apiAs("curator");
    expect((await (await curator.get(`/api/practices/${practice.id}`)).json()).audiences).toEqual([second]);
    await curator.dispose();

    // An entry nobody uses can be deleted.
    const unused = `chan-${word}`;
    const channels = page.getByRole("region", { name: /^Channels/ });
    await channels.getByText("Add a channel").click();
    const channelForm = channels.locator(".add-entry form");
    await channelForm.getByLabel("Identifier").fill(unused);
    await channelForm.getByLabel("Name in English").fill(`Carrier pigeon ${word}`);
    await channelForm.getByRole("button", { name: "Add", exact: true }).click();
    const pigeon = channels.getByRole("article", { name: new RegExp(`^Carrier pigeon ${word}`) });
    await expect(pigeon).toContainText("not translated");
    await pigeon.getByRole("button", { name: labelledFor("Delete", `Carrier pigeon ${word}`) }).click();
    await pigeon.getByRole("button", { name: "Delete", exact: true }).click();
    await expect(page.getByRole("status").first()).toHaveText(`Deleted “${unused}”.`);
    await expect(pigeon).toHaveCount(0);
  });

  test("keeps synonym groups: adds one, and deletes it", async ({ page }) => {
    const word = uniqueWord();
    await page.goto("/admin/taxonomy");
    const synonyms = page.getByRole("region", { name: /^Synonym groups/ });
    const terms = synonyms.getByLabel("New group: words that mean the same");
    await terms.fill(word);
    await synonyms.getByRole("button", { name: "Add group" }).click();
    await expect(synonyms.locator("#field-new-synonyms-error")).toHaveText(
      "Enter at least two different words, separated by commas.",
    );
    await terms.fill(`${word}, ${word}x`);
    await synonyms.getByRole("button", { name: "Add group" }).click();
    await expect(page.getByRole("status").first()).toHaveText("Added the synonym group.");
    const group = synonyms.getByRole("listitem").filter({ hasText: `${word}, ${word}x` });
    await expect(group).toBeVisible();
    await group.getByRole("button", { name: labelledFor("Delete", `${word}, ${word}x`) }).click();
    await group.getByRole("button", { name: labelledFor("Delete", `${word}, ${word}x`) }).click();
    await expect(page.getByRole("status").first()).toHaveText("Deleted the synonym group.");
    await expect(group).toHaveCount(0);
  });
});

test("the demo accounts named in the README all exist with their roles", async () => {
  for (const role of ["staff", "curator", "administrator"] as const) {
    const api = await apiAs(role);
    const session = await (await api.get("/api/auth/session")).json();
    expect(session.user).toMatchObject({ email: ACCOUNTS[role].email, role });
    await api.dispose();
  }
});
