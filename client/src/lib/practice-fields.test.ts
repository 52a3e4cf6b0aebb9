import { PRACTICE_FIELD_NAMES, practiceField, UI_LANGUAGES } from "@practice-kb/shared";
import { describe, expect, it } from "vitest";
import { PRACTICE_FIELD_VIEWS, PRACTICE_FORM_ROWS } from "./practice-fields";

describe("the client's view of a practice's fields", () => {
  it("names every field of the shared table, and no other, in every UI language", () => {
    expect(Object.keys(PRACTICE_FIELD_VIEWS).sort()).toEqual([...PRACTICE_FIELD_NAMES].sort());
    for (const name of PRACTICE_FIELD_NAMES) {
      for (const language of UI_LANGUAGES) {
        expect(PRACTICE_FIELD_VIEWS[name].words[language].label, `${name} ${language}`).not.toBe("");
      }
    }
  });

  it("places every field in the form exactly once", () => {
    expect(PRACTICE_FORM_ROWS.flat().sort()).toEqual([...PRACTICE_FIELD_NAMES].sort());
  });

  it("gives every choice of one taxonomy entry its empty option's words", () => {
    for (const name of PRACTICE_FIELD_NAMES.filter(
      (name) => practiceField(name).taxonomy && !practiceField(name).list,
    )) {
      for (const language of UI_LANGUAGES) {
        expect(PRACTICE_FIELD_VIEWS[name].words[language].placeholder, `${name} ${language}`).toBeTruthy();
      }
    }
  });
});
