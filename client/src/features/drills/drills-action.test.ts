import { describe, expect, it } from "vitest";
import { setInputOf } from "./drills-action";

describe("the lead's set form", () => {
  it("reads filters and hand-picked ids (also pasted as practice addresses)", () => {
    const form = new FormData();
    form.set("name", " First week ");
    form.append("channels", "phone");
    form.append("languages", "pl");
    form.append("languages", "en");
    form.set("practiceIds", "en-lost-card\nhttps://kb.example/practices/pl-noise  \n");
    expect(setInputOf(form)).toEqual({
      name: "First week",
      description: undefined,
      filters: { situationTypes: [], channels: ["phone"], languages: ["pl", "en"] },
      practiceIds: ["en-lost-card", "pl-noise"],
    });
  });
});
