import { practiceInputSchema } from "@practice-kb/shared";
import { describe, expect, it } from "vitest";
import { problemsFromServer, problemsFromZod, readDraft } from "./form-model";

function form(entries: [string, string][]): FormData {
  const data = new FormData();
  for (const [key, value] of entries) data.append(key, value);
  return data;
}

describe("proposal form model", () => {
  it("turns one-per-line fields into lists and blank optionals into undefined", () => {
    const draft = readDraft(
      form([
        ["language", "uk"],
        ["title", "Title"],
        ["response", "  first \n\n second\r\n"],
        ["tags", "a, b ,,c"],
        ["channels", "phone"],
        ["channels", "chat"],
        ["source", "  "],
      ]),
    );
    expect(draft.response).toEqual(["first", "second"]);
    expect(draft.tags).toEqual(["a", "b", "c"]);
    expect(draft.channels).toEqual(["phone", "chat"]);
    expect(draft.source).toBeUndefined();
  });

  it("explains the shared schema's issues per field, in kinds the UI translates", () => {
    const result = practiceInputSchema.safeParse(
      readDraft(
        form([
          ["language", "en"],
          ["title", "ab"],
        ]),
      ),
    );
    expect(result.success).toBe(false);
    const problems = result.success ? [] : problemsFromZod(result.error.issues);
    const byField = Object.fromEntries(problems.map((p) => [p.field, p.kind]));
    expect(byField).toMatchObject({
      title: "tooShort",
      situation: "required",
      situationType: "choose",
      channels: "chooseOne",
      response: "addLine",
    });
  });

  it("places server problems on fields and lines, keeping the rest for the summary", () => {
    const { problems, unplaced } = problemsFromServer([
      { path: "response.1", message: "too long" },
      { path: "", message: "unknown key" },
    ]);
    expect(problems).toEqual([{ field: "response", kind: "server", line: 2, message: "too long" }]);
    expect(unplaced).toEqual(["unknown key"]);
  });
});
