import type { AnalyticsHealth } from "@practice-kb/shared";
import fp from "fastify-plugin";
import {
  type DeskEventNames,
  deskEventNames,
  dropExpiredWeeks,
  ensureDeskEventStorage,
} from "../../analytics/eventIndices";
import { InsightRecorder } from "../../analytics/recorder";
import type { Config } from "../../config";

/** Desk insight as the routes see it: the recorder (null when ANALYTICS=off) and where the events live. */
export interface Insights {
  recorder: InsightRecorder | null;
  names: DeskEventNames;
  /** The installation's index prefix (the feedback votes live under it). */
  prefix: string;
  retentionDays: number;
  /** Drops the weeks past the retention period; returns the indices dropped. */
  applyRetention(now?: Date): Promise<string[]>;
  /** What /api/health shows about recording. */
  health(): AnalyticsHealth;
}

declare module "fastify" {
  interface FastifyInstance {
    /** Desk search insight: recording and retention. */
    insights: Insights;
  }
}

const RETENTION_EVERY_MS = 6 * 3_600_000;
const OFF: AnalyticsHealth = { status: "off", buffered: 0, written: 0, dropped: 0 };

/**
 * Desk search insight: records searches and outcomes (unless ANALYTICS=off) through a buffer that never
 * delays the desk, and drops weeks past ANALYTICS_RETENTION_DAYS at start and every six hours.
 */
export default fp<{ config: Config }>(
  async (app, { config }) => {
    const es = app.kb.es;
    const names = deskEventNames(config.INDEX_PREFIX);
    const recorder =
      config.ANALYTICS === "on"
        ? new InsightRecorder(es, names, {
            flushIntervalMs: config.ANALYTICS_FLUSH_INTERVAL_MS,
            replicas: config.INDEX_REPLICAS,
            log: app.log,
          })
        : null;
    const insights: Insights = {
      recorder,
      names,
      prefix: config.INDEX_PREFIX,
      retentionDays: config.ANALYTICS_RETENTION_DAYS,
      applyRetention: (now) => dropExpiredWeeks(es, names, config.ANALYTICS_RETENTION_DAYS, now),
      health: () => recorder?.health() ?? OFF,
    };
    app.decorate("insights", insights);
    if (!recorder) return;

    await ensureDeskEventStorage(es, names, config.INDEX_REPLICAS);
    const retention = async () => {
      try {
        const dropped = await insights.applyRetention();
        if (dropped.length > 0) app.log.info(`analytics: dropped ${dropped.join(", ")} (past retention)`);
      } catch (error) {
        app.log.warn(`analytics: retention could not run: ${String(error)}`);
      }
    };
    let timer: NodeJS.Timeout | null = null;
    app.addHook("onReady", async () => {
      recorder.start();
      void retention();
      timer = setInterval(retention, RETENTION_EVERY_MS);
      timer.unref();
    });
    // Registered after the knowledge base, so this runs before its client closes: the last events are written.
    app.addHook("onClose", async () => {
      if (timer) clearInterval(timer);
      await recorder.close();
    });
  },
  { name: "insights", dependencies: ["knowledge-base"] },
);
