import { type DeskLog, deskLogSchema } from "@practice-kb/shared/insights";
import { paths } from "@/config/paths";
import { apiRequest } from "@/lib/api-client";
import type { InsightRequest } from "../insight-filters";

/** The "used at the desk" taps: by hour, weekday, channel, situation type and language. */
export function getDeskLog(query: InsightRequest, signal?: AbortSignal): Promise<DeskLog> {
  return apiRequest(paths.api.insightDeskLog, deskLogSchema, { query, signal });
}
