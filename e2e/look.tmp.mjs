import { chromium, request } from "@playwright/test";

const base = "http://127.0.0.1:3200";
async function api(email, password) {
  const ctx = await request.newContext({ baseURL: base });
  const login = await ctx.post("/api/auth/login", { data: { email, password } });
  const { csrfToken } = await login.json();
  return { ctx, headers: { "x-csrf-token": csrfToken } };
}
const staff = await api("staff@demo.local", "staff-demo");
const queries = [
  ["штраф за книгу", "uk", "complaint", "in-person", true],
  ["дитина сама в бібліотеці", "uk", "children-families", "in-person", true],
  ["skarga mailem na bibliotekarza", "pl", "complaint", "email", false],
  ["skarga e-mailem bibliotekarz", "pl", "complaint", "email", false],
  ["zgubiony klucz", "pl", null, null, false],
  ["пьяный посетитель", "ru", "conflict", "in-person", true],
  ["lost umbrella", "en", "service-request", "phone", false],
  ["qwrtzpl", "en", null, null, false],
  ["angry caller", "en", "complaint", "phone", true],
];
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu"],
});
for (const [lang, width, height] of [
  ["uk", 1280, 900],
  ["ru", 360, 740],
]) {
  const ctx = await browser.newContext({ baseURL: base, viewport: { width, height } });
  const page = await ctx.newPage();
  await page.goto("/login");
  await page.getByLabel("Email").fill("curator@demo.local");
  await page.getByLabel("Password").fill("curator-demo");
  await page.getByRole("button", { name: "Log in" }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/login"));
  await page.locator("#ui-language").waitFor();
  await page.waitForTimeout(500);
  await page.locator("#ui-language").selectOption(lang);
  await page.waitForTimeout(500);
  await page.goto("/insights");
  await page.waitForTimeout(1500);
  for (const id of ["searches", "unanswered", "practices", "coverage"]) {
    await page.locator(`#${id}`).screenshot({ path: `/work/look/${lang}-${width}-${id}.png` });
  }
  await ctx.close();
}
await browser.close();
