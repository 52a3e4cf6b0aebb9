import {
  interchangePracticeSchema,
  PRACTICE_FIELD_NAMES,
  PRACTICE_FIELDS,
  type PracticeFieldName,
  type PracticeInput,
  practiceContentSchema,
  practiceCreateInputSchema,
  practiceField,
  practiceInputSchema,
  practiceSchema,
  practiceUpdateInputSchema,
} from "@practice-kb/shared";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { practicesMapping } from "../storage/practicesIndex";
import { diffRevisions } from "./diff";
import { buildPracticeDocument, contentHashOf, contentOf } from "./document";
import { presentPractice } from "./presenter";
import type { RevisionDocument } from "./revisions";

// A valid value for any field, made from its kind alone: a field added to the table is covered here untouched.
function sampleValue(name: PracticeFieldName, variant: 0 | 1): unknown {
  const field = practiceField(name);
  const one = {
    text: ["First sample text", "Second sample text"],
    language: ["en", "uk"],
    phrases: ["First line", "Second line"],
    taxonomy: ["first-entry", "second-entry"],
    tags: ["first tag", "second tag"],
    note: ["first note", "second note"],
    date: ["2030-01-01", "2031-02-02"],
  }[field.kind][variant];
  return field.list ? [one] : one;
}

function samplePractice(variant: 0 | 1 = 0): PracticeInput {
  return practiceInputSchema.parse(
    Object.fromEntries(PRACTICE_FIELD_NAMES.map((name) => [name, sampleValue(name, variant)])),
  );
}

/** The sample with one field taken from the other variant. */
function withChanged(name: PracticeFieldName): PracticeInput {
  return { ...samplePractice(0), [name]: samplePractice(1)[name] };
}

function revision(content: PracticeInput): RevisionDocument {
  const by = { id: "u", name: "U", role: "staff" } as const;
  return {
    practiceId: "p",
    number: 1,
    action: "edited",
    status: "draft",
    pending: false,
    by,
    at: "",
    comment: null,
    content,
  };
}

const names = [...PRACTICE_FIELD_NAMES].sort();
const keysOf = (shape: object, ...others: string[]) =>
  Object.keys(shape)
    .filter((key) => !others.includes(key))
    .sort();

describe("the one list of a practice's fields (shared/src/practiceFields.ts)", () => {
  it("is the list every schema of a practice's content names", () => {
    expect(keysOf(practiceInputSchema.shape)).toEqual(names);
    expect(keysOf(practiceContentSchema.shape)).toEqual(names);
    expect(keysOf(practiceSchema.shape, "id", "status", "meta")).toEqual(names);
    expect(keysOf(interchangePracticeSchema.shape, "id", "status", "meta", "translationGroup")).toEqual(names);
    expect(keysOf(practiceCreateInputSchema.shape, "submit", "comment", "translationOf")).toEqual(names);
    expect(keysOf(practiceUpdateInputSchema.shape, "baseRevision", "comment")).toEqual(names);
  });

  it("describes each field consistently: lists are arrays, taxonomy fields name their list", () => {
    for (const name of PRACTICE_FIELD_NAMES) {
      const field = practiceField(name);
      expect(field.schema instanceof z.ZodArray, name).toBe(field.list === true);
      expect(field.taxonomy !== undefined, name).toBe(field.kind === "taxonomy");
    }
  });

  it("reaches the stored content and the API's practice", () => {
    const meta = {
      author: "u",
      reviewer: null,
      createdAt: "",
      updatedAt: "",
      revision: 1,
      helpfulCount: 0,
      notHelpfulCount: 0,
    };
    const stored = buildPracticeDocument("p", samplePractice(), "draft", meta);
    expect(Object.keys(contentOf(stored)).sort()).toEqual(names);
    expect(contentOf(stored)).toEqual(samplePractice());
    const presented = presentPractice(stored);
    expect(practiceSchema.parse(presented)).toEqual(presented);
  });

  it("reaches the content hash: a change in any field changes it", () => {
    const hash = contentHashOf(samplePractice(), "draft");
    for (const name of PRACTICE_FIELD_NAMES) {
      expect(contentHashOf(withChanged(name), "draft"), name).not.toBe(hash);
    }
    expect(contentHashOf(samplePractice(), "approved")).not.toBe(hash);
  });

  it("reaches the diff: every field is compared, as a list when it holds one", () => {
    for (const name of PRACTICE_FIELD_NAMES) {
      const fields = diffRevisions(revision(samplePractice()), revision(withChanged(name)));
      expect(fields.map((field) => field.field).sort()).toEqual([...names, "status"].sort());
      expect(fields.filter((field) => field.changed).map((field) => field.field)).toEqual([name]);
      expect(fields.find((field) => field.field === name)?.kind).toBe(practiceField(name).list ? "list" : "text");
    }
  });

  it("reaches the search index's mapping", () => {
    const properties = practicesMapping().properties ?? {};
    for (const name of Object.keys(PRACTICE_FIELDS)) expect(properties[name], name).toBeDefined();
  });
});
