import type { Client } from "@elastic/elasticsearch";
import type { IndexNames } from "./search/indices";

/** What every command needs: the Elasticsearch client and the index names of this installation. */
export interface KbContext {
  es: Client;
  names: IndexNames;
  reviewPeriodMonths: number;
}
