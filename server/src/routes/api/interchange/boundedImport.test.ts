import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, type TestUser } from "../../../../test/testApp";
import { REPO_ROOT } from "../../../config";
import { exportInterchangeFile } from "../../../interchange/exportFile";
import { IMPORT_BODY_LIMIT } from ".";

const taxonomyFile = JSON.parse(readFileSync(path.join(REPO_ROOT, "seed/00-taxonomy.json"), "utf8"));

/** A valid practice without an id, distinct by its number. */
function practice(number: number, overrides: Record<string, unknown> = {}) {
  return {
    language: "en",
    title: `Generated situation number ${number}`,
    situation: `A reader asks about case ${number} at the desk.`,
    situationType: "complaint",
    channels: ["phone"],
    response: ["Listen first.", `Check case ${number}.`],
    ...overrides,
  };
}

const file = (practices: unknown[]) => ({ ...taxonomyFile, format: "practice-kb/v2", practices });

describe("bounded, streaming import (issue 17 point 9, issue 18 points 1-2)", () => {
  let t: TestApp;
  let curator: TestUser;
  beforeAll(async () => {
    t = await createTestApp();
    curator = await t.loginAs("curator");
  });
  afterAll(async () => {
    await t.close();
  });

  const practiceCount = async () => (await curator.inject({ url: "/api/export" })).json().practices.length;
  const postText = (payload: string, headers: Record<string, string> = {}) =>
    curator.inject({
      method: "POST",
      url: "/api/import",
      headers: { "content-type": "application/json", ...headers },
      payload,
    });

  it("answers 10 MB of empty entries with 400, the first 1,000 problems and their total, and searches answer meanwhile", async () => {
    const entries = 3_500_000;
    const body = `{"format":"practice-kb/v2","practices":[${"{},".repeat(entries - 1)}{}]}`;
    expect(body.length).toBeGreaterThan(10_000_000);
    // Memory: the server holds no entry it has checked (before streaming, 5 MB of this took 3.7 GB).
    const rssBefore = process.memoryUsage.rss();
    let peakRss = rssBefore;
    let importDone = false;
    const importing = postText(body).finally(() => {
      importDone = true;
    });
    // Searches sent one after another while the import runs: each must answer before the import ends
    // (a blocked event loop would answer them all only after it).
    let answeredDuringImport = 0;
    while (!importDone) {
      const search = await curator.inject({ url: "/api/search?q=reader" });
      expect(search.statusCode).toBe(200);
      if (!importDone) answeredDuringImport++;
      peakRss = Math.max(peakRss, process.memoryUsage.rss());
    }
    expect(answeredDuringImport).toBeGreaterThan(2);
    expect(peakRss - rssBefore).toBeLessThan(400 * 1024 * 1024);
    const response = await importing;
    expect(response.statusCode).toBe(400);
    const answer = response.json();
    expect(answer.error).toBe("invalid_import_file");
    expect(answer.problems).toHaveLength(1000);
    // Each empty entry misses the six required fields.
    expect(answer.problemCount).toBe(entries * 6);
    expect(answer.message).toContain(String(entries * 6));
    expect(answer.problems[999]).toMatchObject({ entry: "practices[166]", index: 166 });
  }, 120_000);

  it("keeps answering searches while a valid import of several batches writes", async () => {
    const before = await practiceCount();
    const body = file(Array.from({ length: 3_000 }, (_, number) => practice(50_000 + number)));
    let importDone = false;
    const importing = curator.inject({ method: "POST", url: "/api/import", payload: body }).finally(() => {
      importDone = true;
    });
    let answeredDuringImport = 0;
    while (!importDone) {
      const search = await curator.inject({ url: "/api/search?q=reader" });
      expect(search.statusCode).toBe(200);
      if (!importDone) answeredDuringImport++;
    }
    expect(answeredDuringImport).toBeGreaterThan(0);
    const response = await importing;
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ created: 3_000 });
    expect(await practiceCount()).toBe(before + 3_000);
  }, 120_000);

  it("refuses a body over the import limit with 413 before reading it", async () => {
    const response = await postText('{"format":"practice-kb/v2","practices":[]}', {
      "content-length": String(IMPORT_BODY_LIMIT + 1),
    });
    expect(response.statusCode).toBe(413);
    expect(response.json().error).toBe("payload_too_large");
  });

  it("reads a file whose format and taxonomy come after the practices, and names a late unknown member", async () => {
    const taxonomy = `"situationTypes":${JSON.stringify(taxonomyFile.situationTypes)},"channels":${JSON.stringify(taxonomyFile.channels)}`;
    const late = `{"practices":[${JSON.stringify(practice(1, { title: "Late format file practice" }))}],"format":"practice-kb/v1",${taxonomy}}`;
    const accepted = await postText(late);
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ created: 1 });
    const unknown = await postText(
      `{"format":"practice-kb/v2","situationTypes":[],"channels":[],"practices":[],"colour":"red"}`,
      { "content-type": "application/json; charset=utf-8" },
    );
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().problems).toEqual([expect.objectContaining({ field: "colour", reason: "unknown field" })]);
    const broken = await postText(`{"format":"practice-kb/v2","practices":[{}`);
    expect(broken.statusCode).toBe(400);
    expect(broken.json().problems[0]).toMatchObject({ entry: "file", field: "(file)" });
  });

  it("writes nothing from a file spanning several batches whose last entry is invalid", async () => {
    const before = await practiceCount();
    const practices: unknown[] = Array.from({ length: 1_600 }, (_, number) => practice(number));
    practices.push(practice(1_600, { channels: ["pigeon"] }));
    const response = await curator.inject({ method: "POST", url: "/api/import", payload: file(practices) });
    expect(response.statusCode).toBe(400);
    expect(response.json().problems).toEqual([
      expect.objectContaining({ entry: "practices[1600]", field: "channels[0]" }),
    ]);
    expect(await practiceCount()).toBe(before);
  });

  it("imports entries without ids twice over several batches and ends with the same practices (ids from content)", async () => {
    const before = await practiceCount();
    const body = file(Array.from({ length: 1_200 }, (_, number) => practice(10_000 + number)));
    const first = await curator.inject({ method: "POST", url: "/api/import", payload: body });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ created: 1_200, updated: 0 });
    expect(await practiceCount()).toBe(before + 1_200);
    const again = await curator.inject({ method: "POST", url: "/api/import", payload: body });
    expect(again.json()).toMatchObject({ created: 0, updated: 0, unchanged: 1_200 });
    expect(await practiceCount()).toBe(before + 1_200);
  });

  it("streams an export with the same bytes as the file built in memory", async () => {
    const streamed = await curator.inject({ url: "/api/export" });
    expect(streamed.statusCode).toBe(200);
    const inMemory = await exportInterchangeFile(t.app.kb);
    expect(streamed.body).toBe(`${JSON.stringify(inMemory, null, 2)}\n`);
  });
});
