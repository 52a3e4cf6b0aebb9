import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../config";
import type { estypes } from "./elasticsearch";
import { createElasticsearchClient } from "./elasticsearch";
import { copyDocuments, ensureIndices, indexNames } from "./indices";
import { connectionOf } from "./knowledgeBase";
import { PRACTICES_MAPPING_VERSION, practicesMapping, practicesSettings } from "./practicesIndex";

const silent = { info: () => {}, warn: () => {} };

/** The practices mapping as it was before search by meaning: no vector, no embeddingModel. */
function mappingBeforeVectors(): estypes.MappingTypeMapping {
  const mapping = practicesMapping();
  const { vector: _vector, embeddingModel: _model, ...properties } = mapping.properties ?? {};
  return { ...mapping, properties };
}

describe("mapping migration of the practices index", () => {
  const url = process.env.ELASTICSEARCH_URL ?? "";
  const es = createElasticsearchClient(connectionOf(loadConfig({ ...process.env, ELASTICSEARCH_URL: url }), url));
  const prefix = `test-${randomBytes(4).toString("hex")}-`;
  const names = indexNames(prefix);
  const oldIndex = `${names.practices}-v1`;

  beforeAll(async () => {
    await es.indices.create({ index: oldIndex, settings: practicesSettings(0), mappings: mappingBeforeVectors() });
    await es.indices.updateAliases({
      actions: [{ add: { index: oldIndex, alias: names.practices, is_write_index: true } }],
    });
    await es.index({
      index: names.practices,
      id: "en-old-practice",
      document: {
        id: "en-old-practice",
        status: "approved",
        language: "en",
        title: "A practice written before vectors",
        situation: "Stored by the previous version.",
        meta: { updatedAt: "2025-01-01T00:00:00.000Z", revision: 1 },
      },
      refresh: true,
    });
  });
  afterAll(async () => {
    const indices = Object.keys(await es.indices.get({ index: `${prefix}*` }));
    if (indices.length > 0) await es.indices.delete({ index: indices });
    await es.close();
  });

  it("copies documents without the new fields into the new index and moves the alias", async () => {
    await ensureIndices(es, names, 0, silent);
    const target = `${names.practices}-v${PRACTICES_MAPPING_VERSION}`;
    expect(Object.keys(await es.indices.getAlias({ name: names.practices }))).toEqual([target]);
    const doc = await es.get<{ title: string; vector?: unknown }>({ index: names.practices, id: "en-old-practice" });
    expect(doc._index).toBe(target);
    expect(doc._source?.title).toBe("A practice written before vectors");
    // the old index is kept for rollback
    expect(await es.indices.exists({ index: oldIndex })).toBe(true);

    // the new index takes vectors; a later migration copies them along (they are not in _source by default)
    const vector = Array.from({ length: 384 }, (_, i) => (i === 0 ? 1 : 0));
    await es.update({
      index: names.practices,
      id: "en-old-practice",
      doc: { vector, embeddingModel: "m" },
      refresh: true,
    });
    const copy = `${prefix}copy`;
    await es.indices.create({ index: copy, settings: practicesSettings(0), mappings: practicesMapping() });
    expect(await copyDocuments(es, target, copy)).toBe(1);
    await es.indices.refresh({ index: copy });
    const copied = await es.search({
      index: copy,
      query: { bool: { filter: [{ exists: { field: "vector" } }, { term: { embeddingModel: "m" } }] } },
    });
    expect(copied.hits.hits.map((hit) => hit._id)).toEqual(["en-old-practice"]);
  });
});

describe("two instances starting on an old mapping at once", () => {
  const url = process.env.ELASTICSEARCH_URL ?? "";
  const es = createElasticsearchClient(connectionOf(loadConfig({ ...process.env, ELASTICSEARCH_URL: url }), url));
  const prefix = `test-${randomBytes(4).toString("hex")}-`;
  const names = indexNames(prefix);
  const oldIndex = `${names.practices}-v1`;
  const target = `${names.practices}-v${PRACTICES_MAPPING_VERSION}`;
  const ids = Array.from({ length: 30 }, (_, i) => `en-old-${i}`);

  beforeAll(async () => {
    await es.indices.create({ index: oldIndex, settings: practicesSettings(0), mappings: mappingBeforeVectors() });
    await es.indices.updateAliases({
      actions: [{ add: { index: oldIndex, alias: names.practices, is_write_index: true } }],
    });
    await es.bulk({
      refresh: true,
      operations: ids.flatMap((id) => [
        { index: { _index: oldIndex, _id: id } },
        { id, status: "approved", language: "en", title: `Old ${id}`, situation: "Stored by the previous version." },
      ]),
    });
  });
  afterAll(async () => {
    const indices = Object.keys(await es.indices.get({ index: `${prefix}*` }));
    if (indices.length > 0) await es.indices.delete({ index: indices });
    await es.close();
  });

  it("both start, one copies while the other waits, and a late copy never overwrites what was written since", async () => {
    const results = await Promise.all([
      ensureIndices(es, names, 0, silent, { pollMs: 50 }),
      ensureIndices(es, names, 0, silent, { pollMs: 50 }),
    ]);
    // exactly one of them copied the practices; the other waited for the alias to move
    expect(results.filter((result) => result.migrated.includes(names.practices))).toHaveLength(1);
    expect(Object.keys(await es.indices.getAlias({ name: names.practices }))).toEqual([target]);
    // the lease was given back
    await es.indices.refresh({ index: names.leases });
    expect((await es.count({ index: names.leases })).count).toBe(0);
    await es.indices.refresh({ index: target });
    expect((await es.count({ index: names.practices })).count).toBe(ids.length);

    // The first instance serves and a practice is edited; the other, slower, copies the old index again.
    await es.update({
      index: names.practices,
      id: "en-old-7",
      doc: { title: "Edited after the switch" },
      refresh: true,
    });
    expect(await copyDocuments(es, oldIndex, target)).toBe(ids.length);
    await es.indices.refresh({ index: target });
    const edited = await es.get<{ title: string }>({ index: names.practices, id: "en-old-7" });
    expect(edited._source?.title).toBe("Edited after the switch");
    expect((await es.count({ index: names.practices })).count).toBe(ids.length);
  });
});

describe("a migration whose migrator died", () => {
  const url = process.env.ELASTICSEARCH_URL ?? "";
  const es = createElasticsearchClient(connectionOf(loadConfig({ ...process.env, ELASTICSEARCH_URL: url }), url));
  const prefix = `test-${randomBytes(4).toString("hex")}-`;
  const names = indexNames(prefix);
  const oldIndex = `${names.practices}-v1`;

  afterAll(async () => {
    const indices = Object.keys(await es.indices.get({ index: `${prefix}*` }));
    if (indices.length > 0) await es.indices.delete({ index: indices });
    await es.close();
  });

  it("is taken over once the dead instance's lease runs out", async () => {
    await ensureIndices(es, names, 0, silent);
    // the practices live in an old index, and an instance that crashed mid-copy left its lease behind
    await es.indices.create({ index: oldIndex, settings: practicesSettings(0), mappings: mappingBeforeVectors() });
    await es.index({ index: oldIndex, id: "en-left", document: { id: "en-left", title: "Left behind" } });
    const current = `${names.practices}-v${PRACTICES_MAPPING_VERSION}`;
    await es.indices.updateAliases({
      actions: [
        { remove: { index: current, alias: names.practices } },
        { add: { index: oldIndex, alias: names.practices, is_write_index: true } },
      ],
    });
    await es.indices.delete({ index: current });
    const until = new Date(Date.now() + 1_000).toISOString();
    await es.index({ index: names.leases, id: `migrate:${names.practices}`, document: { holder: "crashed", until } });

    const result = await ensureIndices(es, names, 0, silent, { pollMs: 100 });
    expect(result.migrated).toEqual([names.practices]);
    expect(Object.keys(await es.indices.getAlias({ name: names.practices }))).toEqual([current]);
    expect((await es.get<{ title: string }>({ index: names.practices, id: "en-left" }))._source?.title).toBe(
      "Left behind",
    );
  });
});
