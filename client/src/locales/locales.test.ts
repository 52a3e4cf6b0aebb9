import { UI_LANGUAGES } from "@practice-kb/shared";
import { describe, expect, it } from "vitest";
import { messages as admin } from "./admin";
import { messages as drills } from "./drills";
import { en } from "./en";
import { messages as insights } from "./insights";
import { pl } from "./pl";
import { ru } from "./ru";
import { uk } from "./uk";
import { messages as workflow } from "./workflow";

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const PLURAL = /_(zero|one|two|few|many|other)$/;

const bundles: Record<string, Record<string, Tree>> = {
  core: { en, uk, pl, ru } as unknown as Record<string, Tree>,
  workflow: workflow as unknown as Record<string, Tree>,
  admin: admin as unknown as Record<string, Tree>,
  insights: insights as unknown as Record<string, Tree>,
  drills: drills as unknown as Record<string, Tree>,
};

describe.each(Object.entries(bundles))("the %s strings", (_name, bundle) => {
  const english = flatten(bundle.en as Tree);
  const pluralBases = new Set(
    [...english.keys()].filter((key) => PLURAL.test(key)).map((key) => key.replace(PLURAL, "")),
  );

  it.each(UI_LANGUAGES.filter((language) => language !== "en"))(
    "%s has every key and every plural form",
    (language) => {
      const strings = flatten(bundle[language] as Tree);
      const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
      for (const key of english.keys()) {
        if (!PLURAL.test(key)) expect(strings.has(key), `${language}: ${key}`).toBe(true);
      }
      for (const base of pluralBases) {
        for (const category of categories) {
          expect(strings.has(`${base}_${category}`), `${language}: ${base}_${category}`).toBe(true);
        }
      }
    },
  );

  it.each([...UI_LANGUAGES])("%s keeps every {{placeholder}} of the English text", (language) => {
    const strings = flatten(bundle[language] as Tree);
    const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1]).sort();
    for (const [key, text] of english) {
      const translated = strings.get(key) ?? strings.get(key.replace(PLURAL, "_other"));
      if (translated === undefined) continue;
      expect(placeholders(translated), `${language}: ${key}`).toEqual(placeholders(text));
    }
  });
});
