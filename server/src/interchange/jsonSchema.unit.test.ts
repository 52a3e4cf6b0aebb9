import { readFileSync } from "node:fs";
import path from "node:path";
import { FORMAT_IDS, interchangeJsonSchema, jsonSchemaFileName } from "@practice-kb/shared";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../config";

describe("published JSON Schemas of practice-kb/v1 and v2", () => {
  for (const format of FORMAT_IDS) {
    it(`${format} is the one generated from the zod schemas (run \`npm run schema\` after changing them)`, () => {
      const committed = JSON.parse(readFileSync(path.join(REPO_ROOT, "docs", jsonSchemaFileName(format)), "utf8"));
      expect(committed).toEqual(interchangeJsonSchema(format));
    });
  }

  it("v1 is unchanged by v2: no translation links", () => {
    const v1 = JSON.stringify(interchangeJsonSchema("practice-kb/v1"));
    expect(v1).not.toContain("translationGroup");
    expect(JSON.stringify(interchangeJsonSchema("practice-kb/v2"))).toContain("translationGroup");
  });
});
