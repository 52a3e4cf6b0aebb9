import { PRACTICE_FIELD_NAMES, type PracticeFieldName, practiceField, practiceInputSchema } from "@practice-kb/shared";
import { describe, expect, it } from "vitest";
import { FIELDS, problemsFromServer, problemsFromZod, readDraft } from "./form-model";

function form(entries: [string, string][]): FormData {
  const data = new FormData();
  for (const [key, value] of entries) data.append(key, value);
  return data;
}

// What a person enters for any field, made from its kind alone: a field added to the table is covered here untouched.
function sampleEntry(name: PracticeFieldName): { value: unknown; entries: string[] } {
  const field = practiceField(name);
  const one = {
    text: "Sample text",
    language: "pl",
    phrases: "A line",
    taxonomy: "some-entry",
    tags: "a tag",
    note: "a note",
    date: "2030-01-31",
  }[field.kind];
  if (!field.list) return { value: one, entries: [one] };
  const two = field.kind === "taxonomy" ? "other-entry" : `${one} 2`;
  const typed =
    field.kind === "taxonomy" ? [one, two] : field.kind === "tags" ? [`${one}, ${two}`] : [`${one}\n${two}`];
  return { value: [one, two], entries: typed };
}

describe("proposal form model", () => {
  it("has a field for every field of a practice, then the note", () => {
    expect(FIELDS).toEqual([...PRACTICE_FIELD_NAMES, "comment"]);
  });

  it("reads every field of a practice from the form", () => {
    const data = new FormData();
    for (const name of PRACTICE_FIELD_NAMES) for (const entry of sampleEntry(name).entries) data.append(name, entry);
    const expected = Object.fromEntries(PRACTICE_FIELD_NAMES.map((name) => [name, sampleEntry(name).value]));
    expect(practiceInputSchema.parse(readDraft(data))).toEqual(expected);
  });

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
