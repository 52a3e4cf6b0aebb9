/**
 * Writes server/src/embeddings/language-centroids.json: the mean passage vector of each language's
 * approved seed practices, embedded by the service at EMBEDDINGS_URL (model EMBEDDINGS_MODEL,
 * default multilingual-e5-small). Run it after changing the model or the seed: `npm run centroids`.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { passageTextOf } from "../server/src/embeddings/embeddingQueue";
import { centroidsOf } from "../server/src/embeddings/languageCentroids";
import { createOpenAiEmbeddingsProvider } from "../server/src/embeddings/provider";
import { seedFiles } from "../server/src/seed/seedIfEmpty";
import {
  CONTENT_LANGUAGES,
  type ContentLanguage,
  interchangeFileSchema,
  interchangePracticeSchema,
} from "../shared/src/index";

const url = process.env.EMBEDDINGS_URL;
if (!url) throw new Error("EMBEDDINGS_URL is not set: point it at the embeddings service (e.g. http://127.0.0.1:8090)");
const model = process.env.EMBEDDINGS_MODEL || "multilingual-e5-small";
const practices = seedFiles(path.join(import.meta.dirname, "../seed"))
  .flatMap(({ raw }) =>
    interchangeFileSchema.parse(raw).practices.map((entry) => interchangePracticeSchema.parse(entry)),
  )
  .filter((practice) => practice.status === "approved");
const provider = createOpenAiEmbeddingsProvider({ url, model });
const vectors = await provider.embed(practices.map(passageTextOf), "passage");
const byLanguage = Object.fromEntries(CONTENT_LANGUAGES.map((language) => [language, [] as number[][]])) as Record<
  ContentLanguage,
  number[][]
>;
for (const [i, practice] of practices.entries()) byLanguage[practice.language].push(vectors[i] ?? []);
const centroids = centroidsOf(byLanguage);
const rounded = Object.fromEntries(
  Object.entries(centroids).map(([language, centroid]) => [
    language,
    centroid.map((value) => Number(value.toPrecision(6))),
  ]),
);
const target = path.join(import.meta.dirname, "../server/src/embeddings/language-centroids.json");
const counts = Object.fromEntries(CONTENT_LANGUAGES.map((language) => [language, byLanguage[language].length]));
writeFileSync(
  target,
  `${JSON.stringify({ model, source: "mean of the passage vectors of the approved seed practices of each language", counts, centroids: rounded })}\n`,
);
console.log(`wrote ${target} (${model}; practices per language ${JSON.stringify(counts)})`);
