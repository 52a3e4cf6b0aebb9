// Practice fixtures shared by the workflow tests.

/** A small practice-kb/v1 taxonomy: one situation type, two channels. */
export const TAXONOMY = {
  format: "practice-kb/v1",
  situationTypes: [{ id: "complaint", labels: { en: "Complaint" } }],
  channels: [
    { id: "phone", labels: { en: "Phone" } },
    { id: "in-person", labels: { en: "In person" } },
  ],
  practices: [],
};

/** A practice text with a word no other test uses, so desk search can find exactly it. */
export function text(word: string, overrides: Record<string, unknown> = {}) {
  return {
    language: "en",
    title: `Reader upset about a ${word} reservation`,
    situation: `A reader calls: the ${word} they reserved went to someone else.`,
    situationType: "complaint",
    channels: ["phone"],
    response: ["Let them finish.", "Check the record while they are on the line."],
    sayPhrases: ["I understand how annoying this is."],
    ...overrides,
  };
}

/** Splits a practice as GET /api/practices/:id presents it into what a PUT takes back and its revision. */
export function editableContent(presented: Record<string, unknown>): {
  content: Record<string, unknown>;
  revision: number;
} {
  const {
    id: _id,
    status: _status,
    meta,
    pending: _pending,
    actions: _actions,
    withheld: _withheld,
    ...content
  } = presented;
  return { content, revision: (meta as { revision: number }).revision };
}
