// biome-ignore lint/style/noRestrictedImports: the test builds the client's own 429 error, as the client throws it
import { errors } from "@elastic/elasticsearch";
import { describe, expect, it } from "vitest";
import type { KbContext } from "../context";
import { bulkWithRetries } from "./practiceWriter";

/** A stand-in whose bulk answers come from a script: what Elasticsearch says when its write queue is full. */
function scriptedContext(answers: ((operations: unknown[]) => unknown)[]) {
  const sent: unknown[][] = [];
  const ctx = {
    es: {
      bulk: async ({ operations }: { operations: unknown[] }) => {
        sent.push(operations);
        const answer = answers.shift();
        if (!answer) throw new Error("no answer scripted");
        return answer(operations);
      },
    },
  } as unknown as KbContext;
  return { ctx, sent };
}

const ok = () => ({ errors: false, items: [] });
const op = (id: string) => [{ index: { _index: "p", _id: id } }, { id }];

describe("bulk writes of an import retry what Elasticsearch refuses with 429", () => {
  it("sends again only the items refused with 429", async () => {
    const { ctx, sent } = scriptedContext([
      () => ({
        errors: true,
        items: [
          { index: { status: 201 } },
          { index: { status: 429, error: { type: "es_rejected_execution_exception" } } },
          { index: { status: 201 } },
        ],
      }),
      ok,
    ]);
    await bulkWithRetries(ctx, [...op("a"), ...op("b"), ...op("c")]);
    expect(sent).toHaveLength(2);
    expect(sent[1]).toEqual(op("b"));
  });

  it("sends the whole request again when the request itself is refused with 429", async () => {
    const refused = () => {
      throw new errors.ResponseError({ statusCode: 429, body: {}, headers: {}, warnings: null, meta: {} as never });
    };
    const { ctx, sent } = scriptedContext([refused, ok]);
    await bulkWithRetries(ctx, op("a"));
    expect(sent).toEqual([op("a"), op("a")]);
  });

  it("fails at once on any other refusal", async () => {
    const { ctx, sent } = scriptedContext([
      () => ({ errors: true, items: [{ index: { status: 400, error: { type: "mapper_parsing_exception" } } }] }),
    ]);
    await expect(bulkWithRetries(ctx, op("a"))).rejects.toThrow(/mapper_parsing_exception/);
    expect(sent).toHaveLength(1);
  });
});
