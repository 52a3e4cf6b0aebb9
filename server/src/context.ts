import type { KbEmbeddings } from "./embeddings/runtime";
import type { KbStore } from "./storage/knowledgeBase";

/** What every command needs: the store (client, index names) and, when on, search by meaning. */
export interface KbContext extends KbStore {
  /** Search by meaning: the embeddings provider and queue; absent or null when embeddings are off. */
  embeddings?: KbEmbeddings | null;
}
