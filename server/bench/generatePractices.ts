/**
 * A large, realistic practice-kb/v1 file for benchmarks: practices recombined from the seed
 * practices' real text, each from practices of the same language only (titles, situation
 * sentences, response steps, phrases and tags), so every field holds real uk/pl/ru/en words with
 * their real distribution. The situation type, channels and audiences come from one "base" seed
 * practice, so they stay valid and coherent. Deterministic for a given count and seed.
 *
 * Usage (writes a file): tsx bench/generatePractices.ts 10000 /tmp/practices-10k.json [seed]
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  CONTENT_LANGUAGES,
  type ContentLanguage,
  FORMAT_ID,
  type InterchangeFile,
  type TaxonomyEntry,
} from "@practice-kb/shared";
import { REPO_ROOT } from "../src/config";

/** A seed practice as written in seed/*.json. */
interface SeedPractice {
  id: string;
  language: ContentLanguage;
  title: string;
  situation: string;
  situationType: string;
  channels: string[];
  audiences?: string[];
  response: string[];
  sayPhrases?: string[];
  avoidPhrases?: string[];
  tags?: string[];
  source?: string;
  reviewBy?: string;
}

/** A generated practice, as it appears in the file. */
export interface GeneratedPractice {
  id: string;
  language: ContentLanguage;
  title: string;
  situation: string;
  situationType: string;
  channels: string[];
  audiences: string[];
  response: string[];
  sayPhrases: string[];
  avoidPhrases: string[];
  tags: string[];
  source?: string;
  status: "approved";
  reviewBy?: string;
}

/** The generated file: valid practice-kb/v1, carrying the seed taxonomy so it imports into an empty store. */
export interface GeneratedFile {
  format: typeof FORMAT_ID;
  situationTypes: TaxonomyEntry[];
  channels: TaxonomyEntry[];
  practices: GeneratedPractice[];
}

/** mulberry32: a small, fast, seeded PRNG (uniform in [0, 1)). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface SeedContent {
  taxonomy: Pick<InterchangeFile, "situationTypes" | "channels">;
  byLanguage: Map<ContentLanguage, SeedPractice[]>;
}

let cachedSeed: SeedContent | undefined;

/** Reads the seed folder once: the taxonomy and the practices grouped by language. */
export function loadSeedContent(seedDir = path.join(REPO_ROOT, "seed")): SeedContent {
  if (cachedSeed) return cachedSeed;
  const situationTypes: TaxonomyEntry[] = [];
  const channels: TaxonomyEntry[] = [];
  const byLanguage = new Map<ContentLanguage, SeedPractice[]>(CONTENT_LANGUAGES.map((language) => [language, []]));
  const files = readdirSync(seedDir)
    .filter((name) => name.endsWith(".json") && name !== "synonyms.json")
    .sort();
  for (const name of files) {
    const file = JSON.parse(readFileSync(path.join(seedDir, name), "utf8")) as InterchangeFile;
    situationTypes.push(...(file.situationTypes ?? []));
    channels.push(...(file.channels ?? []));
    for (const practice of file.practices as SeedPractice[]) byLanguage.get(practice.language)?.push(practice);
  }
  for (const language of CONTENT_LANGUAGES) {
    if ((byLanguage.get(language) ?? []).length < 3) {
      throw new Error(`the seed has fewer than 3 practices in "${language}"; cannot recombine`);
    }
  }
  cachedSeed = { taxonomy: { situationTypes, channels }, byLanguage };
  return cachedSeed;
}

/** Splits text into sentences, keeping their end punctuation. */
function sentences(text: string): string[] {
  return (text.match(/[^.!?…]+(?:[.!?…]+|$)/g) ?? [text]).map((part) => part.trim()).filter(Boolean);
}

function wordsOf(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

function capitalise(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}

/** Everything one language contributes, pooled once. */
interface LanguagePool {
  practices: SeedPractice[];
  sentences: string[];
  steps: string[];
  say: string[];
  avoid: string[];
  tags: string[];
}

function poolOf(practices: SeedPractice[]): LanguagePool {
  return {
    practices,
    sentences: practices.flatMap((practice) => sentences(practice.situation)),
    steps: practices.flatMap((practice) => practice.response),
    say: practices.flatMap((practice) => practice.sayPhrases ?? []),
    avoid: practices.flatMap((practice) => practice.avoidPhrases ?? []),
    tags: practices.flatMap((practice) => practice.tags ?? []),
  };
}

/** A practice-kb/v1 object with `count` approved practices recombined from the seed, spread evenly over the four languages. */
export function generatePractices(count: number, seed = 20_251_126): GeneratedFile {
  if (!Number.isInteger(count) || count < 0) throw new Error(`count must be a whole number >= 0, got ${count}`);
  const content = loadSeedContent();
  const random = seededRandom(seed);
  const int = (max: number) => Math.floor(random() * max);
  const between = (min: number, max: number) => min + int(max - min + 1);
  const pick = <T>(items: T[]): T => items[int(items.length)] as T;
  /** Up to n distinct items (by key), in random order. */
  const sample = <T>(items: T[], n: number, key: (item: T) => string = String): T[] => {
    const chosen: T[] = [];
    const seen = new Set<string>();
    for (let tries = 0; chosen.length < n && tries < n * 8; tries++) {
      const item = pick(items);
      const k = key(item);
      if (seen.has(k)) continue;
      seen.add(k);
      chosen.push(item);
    }
    return chosen;
  };
  const pools = new Map(
    CONTENT_LANGUAGES.map((language) => [language, poolOf(content.byLanguage.get(language) ?? [])]),
  );

  const practices: GeneratedPractice[] = [];
  for (let index = 0; index < count; index++) {
    const language = CONTENT_LANGUAGES[index % CONTENT_LANGUAGES.length] as ContentLanguage;
    const pool = pools.get(language) as LanguagePool;
    const base = pick(pool.practices);
    const other = pick(pool.practices.filter((practice) => practice !== base));

    // Title: most are the first half of one seed title joined to the second half of another.
    let title = base.title;
    if (random() < 0.8) {
      const head = wordsOf(base.title);
      const tail = wordsOf(other.title);
      const cut = between(Math.min(2, head.length), Math.max(2, head.length - 1));
      const rest = tail.slice(between(1, Math.max(1, tail.length - 2)));
      if (rest[0]?.toLowerCase() === head[cut - 1]?.toLowerCase()) rest.shift();
      title = [...head.slice(0, cut), ...rest].join(" ");
    }
    title = capitalise(title.replace(/[:,;–—-]+$/, "").trim()).slice(0, 200);

    // Situation: the base's opening sentences, then a few sentences from elsewhere in the language.
    const baseSentences = sentences(base.situation);
    const situation = [
      ...baseSentences.slice(0, between(1, Math.min(2, baseSentences.length))),
      ...sample(pool.sentences, between(1, 3)),
    ]
      .join(" ")
      .slice(0, 4000);

    // Steps: a few of the base's own steps, then steps from other practices of the language.
    const response = [
      ...base.response.slice(0, between(1, Math.min(3, base.response.length))),
      ...sample(pool.steps, between(1, 4)),
    ];
    const uniqueResponse = [...new Set(response)];

    const tags = sample([...(base.tags ?? []), ...(base.tags ?? []), ...pool.tags], between(2, 5), (tag) =>
      tag.toLowerCase(),
    );

    practices.push({
      id: `gen-${language}-${String(index).padStart(6, "0")}`,
      language,
      title,
      situation,
      situationType: base.situationType,
      channels: [...base.channels],
      audiences: [...(base.audiences ?? [])],
      response: uniqueResponse,
      sayPhrases: sample(pool.say, between(0, 3)),
      avoidPhrases: sample(pool.avoid, between(0, 2)),
      tags,
      ...(base.source ? { source: base.source } : {}),
      status: "approved",
      ...(base.reviewBy ? { reviewBy: base.reviewBy } : {}),
    });
  }
  return {
    format: FORMAT_ID,
    situationTypes: content.taxonomy.situationTypes ?? [],
    channels: content.taxonomy.channels ?? [],
    practices,
  };
}

function main(): void {
  const [countArg, outFile, seedArg] = process.argv.slice(2);
  const count = Number(countArg);
  if (!countArg || !outFile || !Number.isInteger(count) || count < 0) {
    console.error("usage: tsx bench/generatePractices.ts <count> <out.json> [seed]");
    process.exit(2);
  }
  const file = generatePractices(count, seedArg ? Number(seedArg) : undefined);
  writeFileSync(outFile, JSON.stringify(file));
  console.log(`wrote ${file.practices.length} practices to ${outFile}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
