/** Removes this run's indices, so repeated runs against a long-lived Elasticsearch leave nothing behind. */
export default async function globalTeardown(): Promise<void> {
  const prefix = process.env.E2E_INDEX_PREFIX;
  if (!prefix?.startsWith("e2e-")) return;
  const base = process.env.ELASTICSEARCH_URL ?? "http://127.0.0.1:9200";
  try {
    // Wildcard deletes are refused by default (action.destructive_requires_name), so name each index.
    const response = await fetch(`${base}/_cat/indices/${prefix}*?format=json&h=index`);
    if (!response.ok) return;
    const indices = (await response.json()) as { index: string }[];
    for (const { index } of indices) await fetch(`${base}/${encodeURIComponent(index)}`, { method: "DELETE" });
    // and the index template of the run's desk events (issue 14)
    await fetch(`${base}/_index_template/${encodeURIComponent(`${prefix}*`)}`, { method: "DELETE" });
  } catch {
    // Elasticsearch already stopped with the server: nothing to clean.
  }
}
