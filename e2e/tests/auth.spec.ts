import { expect, test } from "@playwright/test";
import { ACCOUNTS, LOGGED_OUT, logInThroughForm, uniqueWord } from "./fixtures";

test.describe("logged out", () => {
  test.use({ storageState: LOGGED_OUT });

  test("a visitor is sent to the login page, logs in through the form, returns to the page wanted, and logs out", async ({
    page,
  }) => {
    await page.goto("/my-practices");
    await expect(page).toHaveURL(/\/login\?next=%2Fmy-practices$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Log in");
    // Nothing but the login: no navigation for someone not logged in.
    await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(0);

    await logInThroughForm(page, ACCOUNTS.staff.email, ACCOUNTS.staff.password);
    await expect(page).toHaveURL(/\/my-practices$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("My practices");
    const header = page.getByRole("banner");
    await expect(header).toContainText("Demo Staff");
    await expect(header.locator(".role-badge")).toHaveText("Staff");

    await header.getByRole("button", { name: "Log out" }).click();
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByRole("banner")).not.toContainText("Demo Staff");
    // The session is gone: the app asks for a login again.
    await page.goto("/");
    await expect(page).toHaveURL(/\/login$/);
  });

  test("empty fields and a wrong password are explained next to the form", async ({ page }) => {
    await page.goto("/login");
    await page.getByRole("button", { name: "Log in" }).click();
    const email = page.getByLabel("Email");
    await expect(email).toHaveAttribute("aria-invalid", "true");
    await expect(page.locator("#field-email-error")).toHaveText("Enter your email address.");
    await expect(page.locator("#field-password-error")).toHaveText("Enter your password.");
    await expect(email).toBeFocused();

    await email.fill("not-an-address");
    await page.getByLabel("Password").fill("whatever");
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page.locator("#field-email-error")).toHaveText(/Enter an email address such as/);

    await email.fill(ACCOUNTS.staff.email);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Log in" }).click();
    const alert = page.getByRole("alert");
    await expect(alert).toHaveText("The email address or the password is not right.");
    await expect(alert).toBeFocused();
    // What was typed stays, so only the password needs fixing.
    await expect(email).toHaveValue(ACCOUNTS.staff.email);
    await expect(page).toHaveURL(/\/login$/);
  });

  test("after too many failed attempts the login page says to wait", async ({ page, request }) => {
    // The limit counts failures per address and email; an email of this test's own keeps others unaffected.
    const email = `${uniqueWord()}@demo.local`;
    let status = 0;
    for (let attempt = 0; attempt < 20 && status !== 429; attempt++) {
      status = (await request.post("/api/auth/login", { data: { email, password: "wrong-password" } })).status();
    }
    expect(status).toBe(429);

    await page.goto("/login");
    await logInThroughForm(page, email, "wrong-password");
    await expect(page.getByRole("alert")).toHaveText(
      /^Too many login attempts\. Please wait \d+ minutes? and try again\.$/,
    );
  });
});

test("staff see no team lead or administration pages, and those addresses say so", async ({ page }) => {
  await page.goto("/");
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link")).toHaveText(["Search", "Propose a practice", "My practices", "Drills"]);

  for (const path of ["/review", "/admin/taxonomy", "/admin/users", "/admin/tokens"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Not available for your role");
    await expect(page.getByRole("link", { name: "Go to search" })).toBeVisible();
  }
});

test("an ended session sends the user to log in again, and back to the page afterwards", async ({ browser }) => {
  // A session of this test's own (logging it out must not end the session the other tests share).
  const context = await browser.newContext({ storageState: LOGGED_OUT, baseURL: test.info().project.use.baseURL });
  const own = await context.newPage();
  await own.goto("/login");
  await logInThroughForm(own, ACCOUNTS.curator.email, ACCOUNTS.curator.password);
  await expect(own.getByRole("heading", { level: 1 })).toHaveText("Find a practice");

  // The session ends behind the page's back (as on expiry): the next page asks for a login.
  await own.context().clearCookies();
  await own
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: /^Review/ })
    .click();
  await expect(own).toHaveURL(/\/login\?next=%2Freview&reason=expired$/);
  await expect(own.getByText("Your session has ended. Please log in again.")).toBeVisible();
  await logInThroughForm(own, ACCOUNTS.curator.email, ACCOUNTS.curator.password);
  await expect(own).toHaveURL(/\/review$/);
  await expect(own.getByRole("heading", { level: 1 })).toHaveText("Review queue");
  await context.close();
});
