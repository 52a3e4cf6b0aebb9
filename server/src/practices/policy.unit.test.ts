import {
  availableActions,
  PRACTICE_ACTIONS,
  PRACTICE_POLICY,
  type PracticeAction,
  withheldActions,
} from "@practice-kb/shared";
import { describe, expect, it } from "vitest";

// What each role (as the practice's author, as the proposer of its pending edit, or as someone else) could
// do in each state before the policy table existed, recorded from the old hand-written code: the table must
// give exactly this.
const RECORDED: [
  string,
  "in_review" | "changes_requested" | null,
  "staff" | "curator" | "administrator",
  string,
  string[],
][] = [
  ["draft", null, "staff", "author", ["edit", "submit"]],
  ["draft", null, "staff", "proposer", []],
  ["draft", null, "staff", "other", []],
  ["draft", null, "curator", "author", ["edit", "submit", "approve", "reject", "archive"]],
  ["draft", null, "curator", "proposer", ["edit", "submit", "approve", "reject", "archive"]],
  ["draft", null, "curator", "other", ["edit", "submit", "approve", "reject", "archive"]],
  ["draft", null, "administrator", "author", ["edit", "submit", "approve", "reject", "archive"]],
  ["draft", null, "administrator", "proposer", ["edit", "submit", "approve", "reject", "archive"]],
  ["draft", null, "administrator", "other", ["edit", "submit", "approve", "reject", "archive"]],
  ["in_review", null, "staff", "author", ["edit"]],
  ["in_review", null, "staff", "proposer", []],
  ["in_review", null, "staff", "other", []],
  ["in_review", null, "curator", "author", ["edit", "approve", "requestChanges", "reject", "archive"]],
  ["in_review", null, "curator", "proposer", ["edit", "approve", "requestChanges", "reject", "archive"]],
  ["in_review", null, "curator", "other", ["edit", "approve", "requestChanges", "reject", "archive"]],
  ["in_review", null, "administrator", "author", ["edit", "approve", "requestChanges", "reject", "archive"]],
  ["in_review", null, "administrator", "proposer", ["edit", "approve", "requestChanges", "reject", "archive"]],
  ["in_review", null, "administrator", "other", ["edit", "approve", "requestChanges", "reject", "archive"]],
  ["approved", null, "staff", "author", ["edit"]],
  ["approved", null, "staff", "proposer", ["edit"]],
  ["approved", null, "staff", "other", ["edit"]],
  ["approved", null, "curator", "author", ["edit", "archive", "stillValid"]],
  ["approved", null, "curator", "proposer", ["edit", "archive", "stillValid"]],
  ["approved", null, "curator", "other", ["edit", "archive", "stillValid"]],
  ["approved", null, "administrator", "author", ["edit", "archive", "stillValid"]],
  ["approved", null, "administrator", "proposer", ["edit", "archive", "stillValid"]],
  ["approved", null, "administrator", "other", ["edit", "archive", "stillValid"]],
  ["approved", "in_review", "staff", "author", []],
  ["approved", "in_review", "staff", "proposer", ["edit"]],
  ["approved", "in_review", "staff", "other", []],
  [
    "approved",
    "in_review",
    "curator",
    "author",
    ["edit", "approve", "requestChanges", "reject", "archive", "stillValid"],
  ],
  [
    "approved",
    "in_review",
    "curator",
    "proposer",
    ["edit", "approve", "requestChanges", "reject", "archive", "stillValid"],
  ],
  [
    "approved",
    "in_review",
    "curator",
    "other",
    ["edit", "approve", "requestChanges", "reject", "archive", "stillValid"],
  ],
  [
    "approved",
    "in_review",
    "administrator",
    "author",
    ["edit", "approve", "requestChanges", "reject", "archive", "stillValid"],
  ],
  [
    "approved",
    "in_review",
    "administrator",
    "proposer",
    ["edit", "approve", "requestChanges", "reject", "archive", "stillValid"],
  ],
  [
    "approved",
    "in_review",
    "administrator",
    "other",
    ["edit", "approve", "requestChanges", "reject", "archive", "stillValid"],
  ],
  ["approved", "changes_requested", "staff", "author", []],
  ["approved", "changes_requested", "staff", "proposer", ["edit", "submit"]],
  ["approved", "changes_requested", "staff", "other", []],
  [
    "approved",
    "changes_requested",
    "curator",
    "author",
    ["edit", "submit", "approve", "reject", "archive", "stillValid"],
  ],
  [
    "approved",
    "changes_requested",
    "curator",
    "proposer",
    ["edit", "submit", "approve", "reject", "archive", "stillValid"],
  ],
  [
    "approved",
    "changes_requested",
    "curator",
    "other",
    ["edit", "submit", "approve", "reject", "archive", "stillValid"],
  ],
  [
    "approved",
    "changes_requested",
    "administrator",
    "author",
    ["edit", "submit", "approve", "reject", "archive", "stillValid"],
  ],
  [
    "approved",
    "changes_requested",
    "administrator",
    "proposer",
    ["edit", "submit", "approve", "reject", "archive", "stillValid"],
  ],
  [
    "approved",
    "changes_requested",
    "administrator",
    "other",
    ["edit", "submit", "approve", "reject", "archive", "stillValid"],
  ],
  ["archived", null, "staff", "author", []],
  ["archived", null, "staff", "proposer", []],
  ["archived", null, "staff", "other", []],
  ["archived", null, "curator", "author", ["restore"]],
  ["archived", null, "curator", "proposer", ["restore"]],
  ["archived", null, "curator", "other", ["restore"]],
  ["archived", null, "administrator", "author", ["restore"]],
  ["archived", null, "administrator", "proposer", ["restore"]],
  ["archived", null, "administrator", "other", ["restore"]],
];

const practiceOf = (status: string, pending: "in_review" | "changes_requested" | null) => ({
  status: status as "draft",
  meta: { author: "u-author" },
  pending: pending ? { state: pending, by: { id: "u-proposer" } } : null,
});

describe("the practice policy table", () => {
  it("gives every role in every state exactly the actions the workflow allowed before (one reviewer may approve anything)", () => {
    for (const [status, pending, role, who, expected] of RECORDED) {
      const actor = { id: `u-${who}`, role };
      const practice = practiceOf(status, pending);
      const rules = { separateReviewer: false };
      expect(availableActions(actor, practice, rules), `${status}/${pending}/${role}/${who}`).toEqual(expected);
      expect(withheldActions(actor, practice, rules)).toEqual([]);
    }
  });

  it("with a separate reviewer, holds back approving from the change's author only: the author of a new practice, the proposer of an edit", () => {
    const rules = { separateReviewer: true };
    for (const [status, pending, role, who, expected] of RECORDED) {
      const actor = { id: `u-${who}`, role };
      const practice = practiceOf(status, pending);
      const changeAuthor = status === "approved" && pending ? "proposer" : "author";
      const ownChange = who === changeAuthor && expected.includes("approve");
      const label = `${status}/${pending}/${role}/${who}`;
      expect(availableActions(actor, practice, rules), label).toEqual(
        ownChange ? expected.filter((action) => action !== "approve") : expected,
      );
      expect(withheldActions(actor, practice, rules), label).toEqual(
        ownChange ? [{ action: "approve", reason: "own_change" }] : [],
      );
    }
  });

  it("has a rule for every action, and curator-only rules for the review steps", () => {
    expect(Object.keys(PRACTICE_POLICY).sort()).toEqual([...PRACTICE_ACTIONS].sort());
    const curatorOnly: PracticeAction[] = ["approve", "requestChanges", "reject", "archive", "restore", "stillValid"];
    for (const action of curatorOnly) expect(PRACTICE_POLICY[action].role, action).toBe("curator");
  });
});
