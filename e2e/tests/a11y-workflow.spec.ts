import { expect, type Page, test } from "@playwright/test";
import {
  apiAs,
  createApprovedPractice,
  createPracticeAsStaff,
  expectNoAxeViolations,
  horizontalOverflow,
  LOGGED_OUT,
  STORAGE_STATES,
  uniqueWord,
} from "./fixtures";

type Role = "staff" | "curator" | "administrator" | "anonymous";

interface Screen {
  name: string;
  role: Role;
  open: (page: Page) => Promise<void>;
}

/** An approved practice with an edit by staff waiting for review, so the queue shows a diff. */
async function practiceWithPendingEdit(): Promise<string> {
  const word = uniqueWord();
  const practice = await createApprovedPractice(word);
  const staff = await apiAs("staff");
  const response = await staff.put(`/api/practices/${practice.id}`, {
    language: "en",
    title: `Reader leaves a ${word} umbrella in the reading room`,
    situation: `A reader forgot a ${word} umbrella in the reading room.`,
    situationType: "service-request",
    channels: ["in-person"],
    response: ["Check the lost property box.", "Ask when the reader was in the reading room."],
    baseRevision: practice.meta.revision,
    comment: "Most are found in the reading room.",
  });
  expect(response.status()).toBe(200);
  await staff.dispose();
  return practice.id;
}

const SCREENS: Screen[] = [
  {
    name: "login",
    role: "anonymous",
    open: async (page) => {
      await page.goto("/login?next=%2Freview");
      await expect(page.getByRole("button", { name: "Log in" })).toBeVisible();
    },
  },
  {
    name: "login with errors",
    role: "anonymous",
    open: async (page) => {
      await page.goto("/login");
      await page.getByLabel("Email").fill("staff@demo.local");
      await page.getByLabel("Password").fill("wrong-password");
      await page.getByRole("button", { name: "Log in" }).click();
      await expect(page.getByRole("alert")).toBeVisible();
    },
  },
  {
    name: "my practices",
    role: "staff",
    open: async (page) => {
      await createPracticeAsStaff(uniqueWord(), { submit: false });
      await page.goto("/my-practices");
      await expect(page.getByRole("heading", { name: /^Drafts and sent back to you/ })).toBeVisible();
    },
  },
  {
    name: "edit a draft",
    role: "staff",
    open: async (page) => {
      const practice = await createPracticeAsStaff(uniqueWord(), { submit: false });
      await page.goto(`/practices/${practice.id}/edit`);
      await expect(page.getByRole("button", { name: "Save and send for review" })).toBeVisible();
    },
  },
  {
    name: "edit conflict",
    role: "staff",
    open: async (page) => {
      const practice = await createPracticeAsStaff(uniqueWord(), { submit: false });
      await page.goto(`/practices/${practice.id}/edit`);
      await expect(page.getByLabel("Title")).toHaveValue(practice.title);
      const staff = await apiAs("staff");
      await staff.post(`/api/practices/${practice.id}/submit`, { baseRevision: practice.meta.revision });
      await staff.dispose();
      await page.getByRole("button", { name: "Save draft" }).click();
      await expect(page.getByRole("alert")).toContainText("Someone else changed this practice meanwhile");
    },
  },
  {
    name: "practice with a pending edit, as team lead",
    role: "curator",
    open: async (page) => {
      const id = await practiceWithPendingEdit();
      await page.goto(`/practices/${id}`);
      await expect(page.getByRole("form", { name: "Team lead actions" })).toBeVisible();
      await expect(page.getByText(/is waiting for review/)).toBeVisible();
    },
  },
  {
    name: "review queue with a diff",
    role: "curator",
    open: async (page) => {
      await practiceWithPendingEdit();
      await page.goto("/review");
      await expect(page.locator(".queue-item .diff").first()).toBeVisible();
      await page
        .locator(".queue-item")
        .first()
        .getByRole("button", { name: /^Request changes/ })
        .click();
      await expect(page.getByLabel("What should the author change?")).toBeFocused();
    },
  },
  {
    name: "history with a diff",
    role: "staff",
    open: async (page) => {
      const id = await practiceWithPendingEdit();
      await page.goto(`/practices/${id}/history?from=2&to=3`);
      await expect(page.getByRole("heading", { name: "Changes from revision 2 to revision 3" })).toBeVisible();
    },
  },
  {
    name: "taxonomy",
    role: "curator",
    open: async (page) => {
      await page.goto("/admin/taxonomy");
      await expect(page.getByRole("heading", { name: /^Synonym groups/ })).toBeVisible();
      const first = page
        .getByRole("region", { name: /^Channels/ })
        .getByRole("article")
        .first();
      await first.getByRole("button", { name: /^Edit labels/ }).click();
      await expect(first.getByRole("button", { name: "Save labels" })).toBeVisible();
    },
  },
  {
    name: "users",
    role: "administrator",
    open: async (page) => {
      await page.goto("/admin/users");
      await page.getByRole("button", { name: "Create account" }).click();
      await expect(page.locator("#field-new-user-name-error")).toBeVisible();
    },
  },
  {
    name: "API tokens with a new secret",
    role: "administrator",
    open: async (page) => {
      // A revoked token too: its badge carries the date and time of revocation, the longest in the list.
      const admin = await apiAs("administrator");
      const created = await admin.post("/api/tokens", { name: `Revoked check ${uniqueWord()}`, role: "curator" });
      expect(created.ok()).toBe(true);
      const { token } = (await created.json()) as { token: { id: string } };
      expect((await admin.delete(`/api/tokens/${token.id}`)).ok()).toBe(true);
      await admin.dispose();
      await page.goto("/admin/tokens");
      await page.getByLabel("Name").fill(`Axe check ${uniqueWord()}`);
      await page.getByRole("button", { name: "Create token" }).click();
      await expect(page.getByLabel("The new token")).toBeVisible();
    },
  },
  {
    name: "not for your role",
    role: "staff",
    open: async (page) => {
      await page.goto("/review");
      await expect(page.getByRole("heading", { name: "Not available for your role" })).toBeVisible();
    },
  },
];

for (const screen of SCREENS) {
  test.describe(screen.name, () => {
    test.use({ storageState: screen.role === "anonymous" ? LOGGED_OUT : STORAGE_STATES[screen.role] });

    test(`axe finds no violations: ${screen.name}`, async ({ page }) => {
      await screen.open(page);
      await expectNoAxeViolations(page);
    });

    test(`nothing overflows horizontally at 320 px: ${screen.name}`, async ({ page }) => {
      await page.setViewportSize({ width: 320, height: 800 });
      await screen.open(page);
      expect(await horizontalOverflow(page)).toBe(0);
    });
  });
}

test.describe("keyboard", () => {
  test.use({ storageState: STORAGE_STATES.curator });

  test("the header, the queue's decisions and the comment form are reachable with Tab, with a visible focus", async ({
    page,
  }) => {
    await practiceWithPendingEdit();
    await page.goto("/review");
    await expect(page.locator(".queue-item").first()).toBeVisible();
    // Tab from the top: the skip link first, then the brand and the navigation.
    await page.keyboard.press("Tab");
    await expect(page.getByRole("link", { name: "Skip to main content" })).toBeFocused();
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link").first()).toBeFocused();

    // Reach the first "Request changes" with Tab alone; focus is drawn (outline) where it is.
    const requestChanges = page
      .locator(".queue-item")
      .first()
      .getByRole("button", { name: /^Request changes/ });
    for (let i = 0; i < 80 && !(await requestChanges.evaluate((el) => el === document.activeElement)); i++) {
      await page.keyboard.press("Tab");
    }
    await expect(requestChanges).toBeFocused();
    const outline = await requestChanges.evaluate((el) => getComputedStyle(el).outlineStyle);
    expect(outline).not.toBe("none");
    await page.keyboard.press("Enter");
    await expect(page.getByLabel("What should the author change?")).toBeFocused();
    await page.keyboard.press("Tab");
    await expect(page.getByRole("button", { name: "Send back to the author" })).toBeFocused();
  });
});
