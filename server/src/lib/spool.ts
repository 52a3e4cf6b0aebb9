import { createWriteStream } from "node:fs";
import { type Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";

class TooLarge extends Error {}

/**
 * Writes a request body to a file, stopping as soon as it passes `limit` bytes (a streamed body has no
 * Content-Length check of its own). Returns false when the body was too large.
 */
export async function spoolWithLimit(body: Readable, file: string, limit: number): Promise<boolean> {
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      done(bytes > limit ? new TooLarge() : null, chunk);
    },
  });
  try {
    await pipeline(body, counter, createWriteStream(file));
    return true;
  } catch (error) {
    if (error instanceof TooLarge) {
      body.resume();
      return false;
    }
    throw error;
  }
}
