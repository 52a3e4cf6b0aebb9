import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createOpenAiEmbeddingsProvider,
  EmbeddingsError,
  type EmbeddingsProvider,
  embeddingsEndpoint,
  parseEmbeddingsResponse,
  routeByKind,
  spreadOver,
} from "./provider";

/** A scripted OpenAI-compatible endpoint: each test sets how it answers and reads what it received. */
let server: Server;
let url: string;
let answer: (body: Record<string, unknown>, req: IncomingMessage, res: ServerResponse) => void;
const received: Array<{ body: Record<string, unknown>; headers: IncomingMessage["headers"]; path?: string }> = [];

const vector = (dims: number, value = 0.1) => Array.from({ length: dims }, () => value);
function reply(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk) => {
      raw += chunk;
    });
    req.on("end", () => {
      const body = JSON.parse(raw || "{}");
      received.push({ body, headers: req.headers, path: req.url });
      answer(body, req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const ok =
  (dims = 384) =>
  (body: Record<string, unknown>, _req: IncomingMessage, res: ServerResponse) => {
    const input = body.input as string[];
    // answers in reverse order: the provider must sort by index
    const data = input.map((_, index) => ({ object: "embedding", index, embedding: vector(dims, index) })).reverse();
    reply(res, 200, { object: "list", data, model: "served-model" });
  };

describe("embeddingsEndpoint", () => {
  it("accepts a bare service URL, an OpenAI-style /v1 base or the full endpoint", () => {
    expect(embeddingsEndpoint("http://h:8090")).toBe("http://h:8090/v1/embeddings");
    expect(embeddingsEndpoint("http://h:8090/")).toBe("http://h:8090/v1/embeddings");
    expect(embeddingsEndpoint("https://h/api/v1")).toBe("https://h/api/v1/embeddings");
    expect(embeddingsEndpoint("https://h/v1/embeddings")).toBe("https://h/v1/embeddings");
  });
});

describe("parseEmbeddingsResponse", () => {
  it("decodes base64 float32 embeddings too", () => {
    const floats = Buffer.alloc(8);
    floats.writeFloatLE(0.5, 0);
    floats.writeFloatLE(-1, 4);
    expect(parseEmbeddingsResponse({ data: [{ index: 0, embedding: floats.toString("base64") }] }, 1, 2)).toEqual([
      [0.5, -1],
    ]);
  });

  it("rejects a missing, short or repeated answer", () => {
    expect(() => parseEmbeddingsResponse({}, 1, 2)).toThrow(/no `data`/);
    expect(() => parseEmbeddingsResponse({ data: [] }, 1, 2)).toThrow(/asked for 1/);
    expect(() =>
      parseEmbeddingsResponse(
        {
          data: [
            { index: 0, embedding: [1, 2] },
            { index: 0, embedding: [1, 2] },
          ],
        },
        2,
        2,
      ),
    ).toThrow(/repeated/);
  });
});

describe("the OpenAI-compatible provider", () => {
  it("sends model, input and input_type, with a Bearer key when configured, and returns vectors in input order", async () => {
    answer = ok();
    received.length = 0;
    const provider = createOpenAiEmbeddingsProvider({ url, model: "my-model", apiKey: "sekret" });
    const vectors = await provider.embed(["a", "b", "c"], "passage");
    expect(vectors.map((v) => v[0])).toEqual([0, 1, 2]);
    expect(received[0]?.path).toBe("/v1/embeddings");
    expect(received[0]?.body).toMatchObject({ model: "my-model", input: ["a", "b", "c"], input_type: "passage" });
    expect(received[0]?.headers.authorization).toBe("Bearer sekret");
    expect(provider).toMatchObject({ model: "my-model", dimensions: 384 });

    await createOpenAiEmbeddingsProvider({ url, model: "m" }).embed(["q"], "query");
    expect(received[1]?.headers.authorization).toBeUndefined();
    expect(received[1]?.body.input_type).toBe("query");
  });

  it("rejects a model with other dimensions, naming the fix", async () => {
    answer = ok(768);
    const provider = createOpenAiEmbeddingsProvider({ url, model: "big-model" });
    const error = await provider.embed(["a"], "query").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EmbeddingsError);
    expect(error).toMatchObject({ kind: "invalid_response" });
    expect(String(error)).toMatch(/768 dimensions.*384/);
  });

  it("reports HTTP errors with the service's message and a hint", async () => {
    answer = (_body, _req, res) => reply(res, 401, { error: { message: "Incorrect API key provided" } });
    const error = await createOpenAiEmbeddingsProvider({ url, model: "m" })
      .embed(["a"], "query")
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "http", status: 401 });
    expect(String(error)).toMatch(/401 \(check EMBEDDINGS_API_KEY\): Incorrect API key provided/);
  });

  it("leaves input_type out for a service that rejects it", async () => {
    answer = (body, req, res) =>
      "input_type" in body
        ? reply(res, 400, { error: { message: "Unrecognized request argument supplied: input_type" } })
        : ok()(body, req, res);
    received.length = 0;
    const provider = createOpenAiEmbeddingsProvider({ url, model: "m" });
    expect(await provider.embed(["a"], "query")).toHaveLength(1);
    expect(await provider.embed(["b"], "query")).toHaveLength(1);
    expect(received.map((r) => "input_type" in r.body)).toEqual([true, false, false]);
  });

  it("times out, and tells an unreachable service apart", async () => {
    answer = (body, req, res) => setTimeout(() => ok()(body, req, res), 300);
    const slow = await createOpenAiEmbeddingsProvider({ url, model: "m" })
      .embed(["a"], "query", { timeoutMs: 50 })
      .catch((e: unknown) => e);
    expect(slow).toMatchObject({ kind: "timeout" });

    const controller = new AbortController();
    const pending = createOpenAiEmbeddingsProvider({ url, model: "m" }).embed(["a"], "query", {
      signal: controller.signal,
    });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ kind: "aborted" });

    // a port nothing listens on: bind one, then close it
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const down = await createOpenAiEmbeddingsProvider({ url: `http://127.0.0.1:${port}`, model: "m" })
      .embed(["a"], "query")
      .catch((e: unknown) => e);
    expect(down).toMatchObject({ kind: "unreachable" });
    expect(String(down)).toMatch(/ECONNREFUSED/);
  });

  it("does not call the service for no texts", async () => {
    received.length = 0;
    expect(await createOpenAiEmbeddingsProvider({ url, model: "m" }).embed([], "passage")).toEqual([]);
    expect(received).toHaveLength(0);
  });
});

describe("routeByKind", () => {
  it("sends queries and passages to their own service of one model", async () => {
    const calls: string[] = [];
    const fake = (name: string, model = "m"): EmbeddingsProvider => ({
      model,
      dimensions: 384,
      async embed(texts, kind) {
        calls.push(`${name}:${kind}`);
        return texts.map(() => [0]);
      },
    });
    const routed = routeByKind({ query: fake("q"), passage: fake("p") });
    await routed.embed(["a"], "query");
    await routed.embed(["b"], "passage");
    expect(calls).toEqual(["q:query", "p:passage"]);
    expect(routed.model).toBe("m");
    expect(() => routeByKind({ query: fake("q", "a"), passage: fake("p", "b") })).toThrow(/one model/);
  });
});

describe("spreadOver", () => {
  /** A service that answers each text with [its worker number, the text's length], or is unreachable. */
  const worker = (n: number, calls: string[][], down = false): EmbeddingsProvider => ({
    model: "m",
    dimensions: 384,
    async embed(texts) {
      calls.push(texts);
      if (down) throw new EmbeddingsError("unreachable", `worker ${n} is down`);
      return texts.map((text) => [n, text.length]);
    },
  });

  it("shares a batch out to every worker in small chunks and joins the vectors in order", async () => {
    const calls: string[][] = [];
    const pool = spreadOver([worker(0, calls), worker(1, calls)]);
    const texts = Array.from({ length: 16 }, (_, i) => "x".repeat(i + 1));
    const vectors = await pool.embed(texts, "passage");
    expect(vectors.map((v) => v[1])).toEqual(texts.map((text) => text.length));
    expect(new Set(vectors.map((v) => v[0]))).toEqual(new Set([0, 1]));
    // each text sent once, in chunks of 2 (16 texts, 2 workers, 4 chunks each)
    expect(calls.flat().sort()).toEqual([...texts].sort());
    expect(calls.every((chunk) => chunk.length === 2)).toBe(true);
  });

  it("sends the part of a worker that cannot be reached to another one", async () => {
    const calls: string[][] = [];
    const pool = spreadOver([worker(0, calls, true), worker(1, calls)]);
    const vectors = await pool.embed(["a", "bb", "ccc", "dddd"], "passage");
    expect(vectors).toEqual([
      [1, 1],
      [1, 2],
      [1, 3],
      [1, 4],
    ]);
  });

  it("passes on a refusal (the queue then tries each practice alone)", async () => {
    const refusing: EmbeddingsProvider = {
      model: "m",
      dimensions: 384,
      embed: async () => {
        throw new EmbeddingsError("http", "inference failed", 500);
      },
    };
    const pool = spreadOver([refusing, worker(1, [])]);
    await expect(pool.embed(["a", "b"], "passage")).rejects.toMatchObject({ kind: "http" });
  });
});
