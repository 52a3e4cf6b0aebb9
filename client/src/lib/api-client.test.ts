import { searchResponseSchema } from "@practice-kb/shared";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError, apiRequest, toQueryString } from "./api-client";

afterEach(() => vi.unstubAllGlobals());

function respond(status: number, body: unknown) {
  vi.stubGlobal(
    "fetch",
    vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } })),
  );
}

describe("api client", () => {
  it("repeats list parameters and skips empty ones", () => {
    expect(toQueryString({ q: "", channel: ["phone", "chat"], size: 20, uiLanguage: undefined })).toBe(
      "channel=phone&channel=chat&size=20",
    );
  });

  it("turns an error body into a typed ApiError with flattened problem paths", async () => {
    respond(400, {
      statusCode: 400,
      error: "validation_error",
      message: "Invalid body",
      problems: [{ path: ["body", "response", 2], message: "too long" }],
    });
    const error = await apiRequest("/api/practices", searchResponseSchema).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe("validation_error");
    expect((error as ApiError).problems).toEqual([{ path: "response.2", message: "too long" }]);
  });

  it("marks a 503 as the engine being unavailable", async () => {
    respond(503, { statusCode: 503, error: "search_unavailable", message: "down" });
    const error = (await apiRequest("/api/search", searchResponseSchema).catch((e: unknown) => e)) as ApiError;
    expect(error.isUnavailable).toBe(true);
  });

  it("rejects a response that does not match the shared schema", async () => {
    respond(200, { total: "many" });
    const error = (await apiRequest("/api/search", searchResponseSchema).catch((e: unknown) => e)) as ApiError;
    expect(error.code).toBe("invalid_response");
  });
});
