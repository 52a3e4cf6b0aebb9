import { expect, type Page, test } from "@playwright/test";
import {
  apiAs,
  expectNoAxeViolations,
  horizontalOverflow,
  LOGGED_OUT,
  labelledFor,
  logInThroughForm,
  pageAs,
  resultLinks,
  searchBox,
  uniqueWord,
} from "./fixtures";

/** The coverage map's cell for a situation type and channel, in the language shown. */
const coverageCell = (page: Page, type: string, channel: string) =>
  page.getByTestId("coverage-map").locator(`td[data-cell="${type}/${channel}"]`);

test("two staff search, a curator proposes a practice for what they did not find and sees the gap close", async ({
  page,
  browser,
}) => {
  test.slow();
  // A situation type of this test's own, so its coverage cell holds only what this test puts there.
  const word = uniqueWord();
  const type = `e2e-${word}`;
  const typeLabel = `Lost keys ${word}`;
  const admin = await apiAs("administrator");
  const created = await admin.post("/api/taxonomy/situationTypes", { id: type, labels: { en: typeLabel } });
  expect(created.status(), await created.text()).toBe(201);
  const email = `second-staff-${word}@demo.local`;
  const account = await admin.post("/api/users", {
    email,
    name: "Second Staff",
    role: "staff",
    password: "second-staff-1",
  });
  expect(account.status(), await account.text()).toBe(201);

  // Two people at two desks look for the same missing situation, with its type and the email channel chosen.
  const need = `keys ${word}`;
  const searchFor = async (desk: Page) => {
    await desk.goto(`/?situationType=${type}&channel=email`);
    await searchBox(desk).pressSequentially(need, { delay: 30 });
    await expect(desk).toHaveURL(new RegExp(`[?&]q=keys(\\+|%20)${word}(&|$)`));
    await expect(desk.getByRole("heading", { name: "Nothing found" })).toBeVisible();
  };
  await searchFor(page);
  const second = await browser.newPage({ storageState: LOGGED_OUT, locale: "en-US" });
  await second.goto("/login");
  await logInThroughForm(second, email, "second-staff-1");
  await expect(second.getByRole("searchbox", { name: "Describe the situation" })).toBeVisible();
  await searchFor(second);
  // The second desk also finds and opens a practice that does exist.
  await second.goto("/");
  await searchBox(second).pressSequentially("noise in the reading room", { delay: 30 });
  await expect(resultLinks(second).first()).toBeVisible();
  await resultLinks(second).first().click();
  await expect(second.getByRole("heading", { level: 1 })).toBeVisible();
  await second.close();

  // The team lead's screens list the need once, counted twice, and the map shows the gap.
  const curator = await pageAs(browser, "curator");
  await curator.goto("/");
  await curator.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Insight" }).click();
  await expect(curator.getByRole("heading", { level: 1, name: "Desk insight" })).toBeVisible();
  // Filtered by the situation type the desks chose: the run's other tests leave many unanswered needs,
  // and the list shows the 50 most frequent.
  await curator.getByLabel("Situation type", { exact: true }).selectOption(type);
  await curator.getByRole("button", { name: "Show" }).click();
  await expect(curator).toHaveURL(new RegExp(`situationType=${type}`));
  const filtered = curator.url();
  const row = curator.getByRole("row").filter({ has: curator.getByText(need, { exact: true }) });
  // Desk events become readable at their index's next refresh (every 10 s), and the two desks searched
  // seconds apart: the row can show 1 for a while, and the page only reads anew when reloaded.
  await expect
    .poll(
      async () => {
        await curator.goto(filtered);
        await expect(curator.getByRole("heading", { level: 1, name: "Desk insight" })).toBeVisible();
        return (await row.count()) === 1 ? row.getByRole("cell").first().textContent() : `${await row.count()} rows`;
      },
      { timeout: 40_000 },
    )
    .toBe("2");
  await expect(coverageCell(curator, type, "email")).toHaveClass(/coverage-gap/);
  await expect(coverageCell(curator, type, "email")).toContainText("0 · 2");
  await expectNoAxeViolations(curator);

  // One click: the proposal form opens with the need, its language, type and channel filled in.
  await row.getByRole("link", { name: labelledFor("Propose a practice", need) }).click();
  await expect(curator.getByRole("heading", { level: 1 })).toHaveText("Propose a practice");
  await expect(curator.getByLabel("Title")).toHaveValue(need);
  await expect(curator.getByLabel("Situation type")).toHaveValue(type);
  await expect(curator.getByRole("group", { name: "Channels" }).getByLabel("Email")).toBeChecked();
  await curator.getByLabel("Title").fill(`Reader lost their keys (${word})`);
  await curator
    .getByLabel("Situation", { exact: true })
    .fill("A reader writes that they lost their keys in the library.");
  await curator.getByLabel("Steps").fill("Check the lost property box.\nWrite back the same day.");
  await curator.getByRole("button", { name: "Send for review" }).click();
  await expect(curator.getByRole("heading", { level: 1 })).toHaveText("Sent for review");

  // Someone other than its author approves it; the map no longer shows a gap there.
  const mine = (await (await admin.get("/api/review-queue")).json()) as {
    inReview: { practice: { id: string; title: string } }[];
  };
  const proposal = mine.inReview.find((item) => item.practice.title.includes(word));
  expect(proposal).toBeDefined();
  const approved = await admin.post(`/api/practices/${proposal?.practice.id}/approve`, {});
  expect(approved.status(), await approved.text()).toBe(200);
  await admin.dispose();

  await curator.goto(filtered);
  await expect(coverageCell(curator, type, "email")).not.toHaveClass(/coverage-gap/);
  await expect(coverageCell(curator, type, "email")).toContainText("1 · 2");
  await curator.close();
});

test("the insight screens load only when opened, and work on a phone in another language", async ({ browser }) => {
  const curator = await pageAs(browser, "curator");
  const scripts: string[] = [];
  curator.on("request", (request) => {
    if (request.resourceType() === "script") scripts.push(new URL(request.url()).pathname);
  });
  await curator.goto("/");
  await expect(curator.getByRole("searchbox", { name: "Describe the situation" })).toBeVisible();
  // The desk's first load carries none of the insight code (its charts included).
  expect(scripts.filter((path) => /insights/.test(path))).toEqual([]);

  await curator.locator("#ui-language").selectOption("pl");
  // the choice is kept once the page has switched; only then is it there for the next page load
  await expect(curator.locator("html")).toHaveAttribute("lang", "pl");
  await curator.setViewportSize({ width: 360, height: 740 });
  await curator.goto("/insights");
  await expect(curator.getByRole("heading", { level: 1, name: "Analityka punktu obsługi" })).toBeVisible();
  expect(scripts.some((path) => /insights/.test(path))).toBe(true);
  await expect(curator.getByRole("heading", { level: 2, name: "Mapa pokrycia" })).toBeVisible();
  // Wide tables scroll inside their panel; the page itself never scrolls sideways.
  expect(await horizontalOverflow(curator)).toBeLessThanOrEqual(0);
  // Every table's caption stays on the screen, however wide its table (coverage by language is the widest).
  const captions = curator.locator(".insight-table-caption");
  expect(await captions.count()).toBeGreaterThan(0);
  for (const caption of await captions.all()) {
    await caption.scrollIntoViewIfNeeded();
    const box = await caption.boundingBox();
    expect(box, (await caption.textContent()) ?? "").not.toBeNull();
    expect((box?.x ?? -1) >= 0 && (box?.x ?? 0) + (box?.width ?? 0) <= 360, (await caption.textContent()) ?? "").toBe(
      true,
    );
  }
  await expectNoAxeViolations(curator);

  // A preset range is one click and keeps the filters.
  await curator.getByLabel("Kanał", { exact: true }).selectOption("phone");
  await curator.getByRole("button", { name: "Pokaż" }).click();
  await expect(curator).toHaveURL(/channel=phone/);
  const preset = curator.getByRole("link", { name: "ostatnie 7 dni" });
  const target = new URL((await preset.getAttribute("href")) ?? "", "http://x").searchParams;
  const from = target.get("from") ?? "";
  const to = target.get("to") ?? "";
  expect((Date.parse(to) - Date.parse(from)) / 86_400_000).toBe(6);
  await preset.click();
  // the page shows the preset's days, with the channel still chosen
  await expect(curator.getByLabel("Od", { exact: true })).toHaveValue(from);
  await expect(curator.getByLabel("Do", { exact: true })).toHaveValue(to);
  await expect(curator).toHaveURL(/channel=phone/);
  await expect(curator.getByLabel("Kanał", { exact: true })).toHaveValue("phone");
  await curator.close();
});
