/**
 * After `kb import`: embeds what the import left pending, with a second progress bar, so search by
 * meaning covers the imported practices when the command ends (`--no-wait` leaves it to the server).
 */
import { SingleBar } from "cli-progress";
import type { Config } from "../config";
import type { KbContext } from "../context";
import { EmbeddingQueue } from "../embeddings/embeddingQueue";
import { provideEmbeddings } from "../engine/provideEmbeddings";

type Log = { info(message: string): void; warn(message: string): void; error(message: string): void };

/** How long the service may fail in a row before the command stops waiting (the server embeds the rest later). */
const GIVE_UP_AFTER_MS = 60_000;
const POLL_MS = 500;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function embedPendingWithProgress(ctx: KbContext, config: Config, log: Log): Promise<void> {
  if (config.EMBEDDINGS === "off") return;
  const embeddings = await provideEmbeddings(config, log, { supervise: false, passagesOnly: true });
  if (!embeddings.provider) return;
  const queue = new EmbeddingQueue(ctx, embeddings.provider, { log: { info: () => {}, warn: () => {} } });
  let interrupted = false;
  const onSigint = () => {
    interrupted = true;
  };
  process.once("SIGINT", onSigint);
  try {
    const first = await queue.status();
    if (first.pending === 0) return;
    let total = first.pending;
    const t0 = Date.now();
    const bar = process.stderr.isTTY
      ? new SingleBar({
          format: "embedding [{bar}] {percentage}% | {value}/{total} practices | {eta}s left {problem}",
          stream: process.stderr,
        })
      : null;
    if (bar) bar.start(total, 0, { problem: "" });
    else console.error(`Embedding ${total} practices for search by meaning (--no-wait skips this) ...`);
    queue.start();
    let failingSince: number | undefined;
    let status = first;
    while (!interrupted) {
      await sleep(POLL_MS);
      status = await queue.status();
      if (status.pending > total) {
        total = status.pending;
        bar?.setTotal(total);
      }
      const problem = status.failing ? `| retrying: ${(status.lastError ?? "").slice(0, 80)}` : "";
      bar?.update(total - status.pending, { problem });
      if (status.pending - status.skipped <= 0) break;
      failingSince = status.failing ? (failingSince ?? Date.now()) : undefined;
      if (failingSince !== undefined && Date.now() - failingSince > GIVE_UP_AFTER_MS) break;
    }
    bar?.stop();
    const done = total - status.pending;
    const seconds = ((Date.now() - t0) / 1000).toFixed(1);
    if (status.pending - status.skipped <= 0) {
      console.error(
        `Embedded ${done} practices for search by meaning in ${seconds} s` +
          (status.skipped ? ` (${status.skipped} refused by the embeddings service; see the log)` : "") +
          ".",
      );
    } else {
      const why = interrupted ? "stopped waiting" : `the embeddings service keeps failing (${status.lastError})`;
      console.error(
        `Embedded ${done} of ${total} practices, then ${why}. The server embeds the other ${status.pending} in the background; ` +
          "they are found by words meanwhile.",
      );
    }
  } finally {
    process.removeListener("SIGINT", onSigint);
    await queue.stop();
    // A service started just for this command is stopped again; one the server runs is left alone.
    if (!embeddings.reused) await embeddings.stop();
  }
}
