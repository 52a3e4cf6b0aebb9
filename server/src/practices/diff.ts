import {
  type DiffPart,
  type FieldDiff,
  PRACTICE_FIELD_KINDS,
  PRACTICE_LIST_FIELD_NAMES,
  PRACTICE_VALUE_FIELD_NAMES,
  type PracticeFieldName,
  type PracticeInput,
  practiceField,
} from "@practice-kb/shared";
import { diffArrays, diffWordsWithSpace } from "diff";
import type { RevisionDocument } from "./revisions";

// Scalars read best as words changed in place; lists (steps, phrases, tags) as items added and removed.
// A diff shows the scalars first, then the lists, each grouped by kind in the order the kinds are listed.
const byKind = <Name extends PracticeFieldName>(names: Name[]) =>
  names.toSorted(
    (a, b) => PRACTICE_FIELD_KINDS.indexOf(practiceField(a).kind) - PRACTICE_FIELD_KINDS.indexOf(practiceField(b).kind),
  );
const TEXT_FIELDS = byKind(PRACTICE_VALUE_FIELD_NAMES);
const LIST_FIELDS = byKind(PRACTICE_LIST_FIELD_NAMES);

function partType(change: { added?: boolean; removed?: boolean }): DiffPart["type"] {
  return change.added ? "added" : change.removed ? "removed" : "equal";
}

/** A word-level difference of two texts. */
export function diffText(before: string, after: string): DiffPart[] {
  if (before === after) return before ? [{ type: "equal", value: before }] : [];
  return diffWordsWithSpace(before, after).map((change) => ({ type: partType(change), value: change.value }));
}

/** An item-level difference of two lists: kept, removed and added items in order. */
export function diffList(before: string[], after: string[]): DiffPart[] {
  return diffArrays(before, after).flatMap((change) =>
    change.value.map((value) => ({ type: partType(change), value })),
  );
}

/** The field-by-field difference of two revisions' texts (and their status). */
export function diffRevisions(from: RevisionDocument, to: RevisionDocument): FieldDiff[] {
  const fields: FieldDiff[] = [];
  const text = (field: string, before: string, after: string) =>
    fields.push({ field, kind: "text", changed: before !== after, parts: diffText(before, after) });
  text("status", from.status, to.status);
  const a: PracticeInput = from.content;
  const b: PracticeInput = to.content;
  for (const field of TEXT_FIELDS) text(field, a[field] ?? "", b[field] ?? "");
  for (const field of LIST_FIELDS) {
    const before = a[field] ?? [];
    const after = b[field] ?? [];
    const changed = before.length !== after.length || before.some((value, index) => value !== after[index]);
    fields.push({ field, kind: "list", changed, parts: diffList(before, after) });
  }
  return fields;
}

/**
 * The pair a history opens on, given its revisions newest first: the newest against the latest earlier live
 * text (not a proposed edit) whose text differs; failing that any earlier revision whose text differs, then
 * one whose status does. So "edit proposed → approved", the same text twice, is never the first thing shown
 * while something did change. Null with fewer than two revisions.
 */
export function defaultComparison(revisions: RevisionDocument[]): { from: number; to: number } | null {
  const [newest, ...earlier] = revisions;
  if (!newest || earlier.length === 0) return null;
  const changes = new Map(earlier.map((revision) => [revision, diffRevisions(revision, newest)]));
  const textDiffers = (revision: RevisionDocument) =>
    changes.get(revision)?.some((field) => field.changed && field.field !== "status") ?? false;
  const anyDiffers = (revision: RevisionDocument) => changes.get(revision)?.some((field) => field.changed) ?? false;
  const from =
    earlier.find((revision) => !revision.pending && textDiffers(revision)) ??
    earlier.find(textDiffers) ??
    earlier.find(anyDiffers) ??
    earlier[0];
  return from ? { from: from.number, to: newest.number } : null;
}
