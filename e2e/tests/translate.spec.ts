import { expect, type Locator, type Page, test } from "@playwright/test";
import {
  apiAs,
  createApprovedPractice,
  expectNoAxeViolations,
  horizontalOverflow,
  pageAs,
  practiceText,
  uniqueWord,
} from "./fixtures";

async function boxOf(locator: Locator) {
  const box = await locator.boundingBox();
  if (!box) throw new Error("not laid out");
  return box;
}

/** The original and the form, as laid out now. */
async function layout(page: Page) {
  return {
    original: await boxOf(page.locator(".translate-original")),
    form: await boxOf(page.locator(".translate-form")),
  };
}

test("translate: the form opens beside the original (stacked on a phone), prefilled, and the proposal is sent", async ({
  page,
}) => {
  const word = uniqueWord();
  // A Polish practice seen by English-speaking staff.
  const original = await createApprovedPractice(word, {
    language: "pl",
    title: `Czytelnik zostawia parasol ${word} przy ladzie`,
    situation: `Czytelnik zostawił parasol ${word} przy ladzie i dzwoni później.`,
    response: ["Sprawdź pudełko z rzeczami znalezionymi.", "Opisz parasol czytelnikowi."],
    sayPhrases: ["Sprawdzę dla Pana pudełko z rzeczami znalezionymi."],
    tags: ["lost property", word],
  });

  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`/practices/${original.id}`);
  await page.getByRole("link", { name: "Translate into my language (English)" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Translate:");

  // Prefilled: the language to translate into, the taxonomy and tags; the text is left to write.
  await expect(page.getByLabel("Language of the practice")).toHaveValue("en");
  await expect(page.getByLabel("Situation type")).toHaveValue("service-request");
  await expect(page.getByRole("group", { name: "Channels" }).getByLabel("In person")).toBeChecked();
  await expect(page.getByLabel("Tags")).toHaveValue(new RegExp(word));
  await expect(page.getByLabel("Title")).toHaveValue("");
  await expect(page.locator(".translate-original")).toContainText("Sprawdź pudełko z rzeczami znalezionymi.");

  // Side by side at 1280 px: the original on the left, the form on the right, starting at the same height.
  const wide = await layout(page);
  expect(wide.original.x + wide.original.width).toBeLessThanOrEqual(wide.form.x);
  expect(Math.abs(wide.original.y - wide.form.y)).toBeLessThan(80);
  await expectNoAxeViolations(page);

  // Stacked at 360 px: the original above the form, both the full width, nothing scrolls sideways.
  await page.setViewportSize({ width: 360, height: 800 });
  const narrow = await layout(page);
  expect(narrow.form.y).toBeGreaterThanOrEqual(narrow.original.y + narrow.original.height);
  expect(Math.abs(narrow.original.x - narrow.form.x)).toBeLessThan(2);
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  await expectNoAxeViolations(page);

  await page.getByLabel("Title").fill(`Reader leaves a ${word} umbrella at the desk`);
  await page.getByLabel("Situation", { exact: true }).fill(`A reader left a ${word} umbrella and calls later.`);
  await page.getByLabel("Steps").fill("Check the lost property box.\nDescribe the umbrella to the reader.\n");
  await page.getByRole("button", { name: "Send for review" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sent for review");
  await expectNoAxeViolations(page);

  // The proposal waits for review, naming the original its approval links it to.
  const curator = await apiAs("curator");
  try {
    const queue = (await (await curator.get("/api/review-queue")).json()) as {
      inReview: { practice: { title: string; language: string; meta: { translationOf?: { id: string } } } }[];
    };
    const proposal = queue.inReview.find((item) => item.practice.title.includes(word));
    expect(proposal?.practice.language).toBe("en");
    expect(proposal?.practice.meta.translationOf?.id).toBe(original.id);
  } finally {
    await curator.dispose();
  }
});

test("translate: when the original changes, its translation shows it with the diff, is due in the queue, and 'still matches' clears it", async ({
  browser,
}) => {
  const word = uniqueWord();
  const original = await createApprovedPractice(word, { language: "pl", title: `Parasol ${word} przy ladzie` });
  const staff = await apiAs("staff");
  const curator = await apiAs("curator");
  let translationId = "";
  try {
    const created = await staff.post("/api/practices", {
      ...practiceText(word),
      submit: true,
      translationOf: original.id,
    });
    expect(created.status(), await created.text()).toBe(201);
    translationId = (await created.json()).id;
    expect((await curator.post(`/api/practices/${translationId}/approve`, {})).status()).toBe(200);
    // The original gets a new approved text.
    const live = await (await curator.get(`/api/practices/${original.id}`)).json();
    const { id: _id, status: _status, meta, pending: _pending, actions: _a, withheld: _w, ...content } = live;
    const edit = await staff.put(`/api/practices/${original.id}`, {
      ...content,
      response: [...content.response, `Zapisz numer telefonu ${word}.`],
      baseRevision: meta.revision,
    });
    expect(edit.status(), await edit.text()).toBe(200);
    expect((await curator.post(`/api/practices/${original.id}/approve`, {})).status()).toBe(200);
  } finally {
    await staff.dispose();
    await curator.dispose();
  }

  const page = await pageAs(browser, "curator");
  await page.goto("/review");
  const item = page.locator("article.queue-item").filter({ has: page.getByRole("link", { name: new RegExp(word) }) });
  await expect(item.first()).toContainText("The original changed on");
  await expect(item.first().getByRole("link", { name: `Parasol ${word} przy ladzie` })).toBeVisible();

  await page.goto(`/practices/${translationId}`);
  const notice = page.getByRole("region", { name: "The original changed" });
  await expect(notice).toBeVisible();
  await notice.getByText("What changed in the original since this translation").click();
  await expect(notice.locator(".diff-fields ins")).toContainText(`Zapisz numer telefonu ${word}.`);
  await expectNoAxeViolations(page);

  await notice.getByRole("button", { name: "Still matches the original" }).click();
  await expect(page.getByRole("region", { name: "The original changed" })).toHaveCount(0);
  await page.context().close();
});
