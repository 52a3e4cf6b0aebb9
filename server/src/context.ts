import type { Client } from "@elastic/elasticsearch";
import type { KbEmbeddings } from "./embeddings/runtime";
import type { IndexNames } from "./search/indices";

/** What every command needs: the Elasticsearch client and the index names of this installation. */
export interface KbContext {
  es: Client;
  names: IndexNames;
  reviewPeriodMonths: number;
  /** Search by meaning: the embeddings provider and queue; absent or null when embeddings are off. */
  embeddings?: KbEmbeddings | null;
}
