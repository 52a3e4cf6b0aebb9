// The set-up the desk-insight tests share: an app that records, written to Elasticsearch only when a test says so.
import type { InsightRecorder } from "../src/analytics/recorder";
import { createTestApp, type TestApp, type TestAppOptions } from "./testApp";

/** A test app whose desk events a test writes itself (flush), so nothing depends on the recorder's timer. */
export interface RecordingTestApp {
  t: TestApp;
  recorder: InsightRecorder;
  /** Writes the buffered events and makes them searchable. */
  flush(): Promise<void>;
}

/** Starts a test app with recording on and a flush interval long enough never to fire during a test. */
export async function createRecordingTestApp(options: TestAppOptions = {}): Promise<RecordingTestApp> {
  const t = await createTestApp({ ...options, env: { ANALYTICS_FLUSH_INTERVAL_MS: "600000", ...options.env } });
  const recorder = t.app.insights.recorder;
  if (!recorder) throw new Error("recording should be on by default");
  return {
    t,
    recorder,
    flush: async () => {
      await recorder.flush();
      await t.app.kb.es.indices.refresh({ index: t.app.insights.names.alias, allow_no_indices: true });
    },
  };
}
