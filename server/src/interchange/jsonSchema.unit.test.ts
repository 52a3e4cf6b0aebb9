import { readFileSync } from "node:fs";
import path from "node:path";
import { interchangeJsonSchema } from "@practice-kb/shared";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../config";

describe("published JSON Schema of practice-kb/v1", () => {
  it("is the one generated from the zod schemas (run `npm run schema` after changing them)", () => {
    const committed = JSON.parse(readFileSync(path.join(REPO_ROOT, "docs/practice-kb-v1.schema.json"), "utf8"));
    expect(committed).toEqual(interchangeJsonSchema());
  });
});
