import type { Practice } from "@practice-kb/shared";
import type { PracticeDocument } from "./document";

/** The only path from a stored practice to the JSON the API and export return. */
export function presentPractice(doc: PracticeDocument): Practice {
  return {
    id: doc.id,
    language: doc.language,
    title: doc.title,
    situation: doc.situation,
    situationType: doc.situationType,
    channels: doc.channels,
    audiences: doc.audiences ?? [],
    response: doc.response,
    sayPhrases: doc.sayPhrases ?? [],
    avoidPhrases: doc.avoidPhrases ?? [],
    tags: doc.tags ?? [],
    ...(doc.source !== undefined ? { source: doc.source } : {}),
    ...(doc.reviewBy !== undefined ? { reviewBy: doc.reviewBy } : {}),
    status: doc.status,
    meta: doc.meta,
  };
}
