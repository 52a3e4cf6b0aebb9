import i18next from "i18next";
import { describe, expect, it } from "vitest";
import type { Labels } from "@/lib/taxonomy";
import { messages } from "@/locales/drills";
import { rolePlayBrief } from "./role-play-brief";

const labels: Labels = {
  situationType: (id) => `type:${id}`,
  channel: (id) => `channel:${id}`,
  audience: (id) => `audience:${id}`,
  entry: (_kind, id) => id,
};

/** The real drill strings in one language, as the screens load them. */
async function translator(language: "en" | "uk") {
  const instance = i18next.createInstance();
  await instance.init({ lng: language, resources: { [language]: { translation: messages[language] } } });
  return instance.t;
}

describe("the reader's brief of a role-play", () => {
  const situation = {
    situation: "A reader phones, angry that the reserved book was lent to someone else.",
    situationType: "complaint",
    channels: ["phone"],
    audiences: ["seniors"],
  };

  it("says who, where and what happened from the practice, and how a complainant feels and starts", async () => {
    const brief = rolePlayBrief(situation, await translator("en"), labels);
    expect(brief).toEqual({
      who: "audience:seniors",
      channel: "channel:phone",
      situation: situation.situation,
      feeling: "Annoyed and let down; you want to be taken seriously.",
      opener: "I'm sorry, but I have to complain about something.",
    });
  });

  it("gives a type the starting taxonomy lacks a neutral part, and anyone a reader's part, in the UI language", async () => {
    const brief = rolePlayBrief(
      { ...situation, situationType: "lost-umbrella", audiences: [] },
      await translator("uk"),
      labels,
    );
    expect(brief.who).toBe("Читач");
    expect(brief.feeling).toBe("Як описує ситуація.");
    expect(brief.opener).toBe("Почніть із того, що сталося, своїми словами.");
  });
});
