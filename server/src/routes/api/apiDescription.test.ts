import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, type TestToken } from "../../../test/testApp";

/** The API answers as its OpenAPI description says (the full generated run: scripts/api-conformance.ts). */
describe("the API description tells the truth", () => {
  let t: TestApp;
  let curator: TestToken;
  beforeAll(async () => {
    t = await createTestApp();
    curator = await t.bearer("curator");
  });
  afterAll(async () => {
    await t.close();
  });

  it("answers 405 with Allow for a known path asked with a method it does not take, before any login", async () => {
    const wrongMethod = await curator.inject({ method: "PATCH", url: "/api/synonyms/some-id" });
    expect(wrongMethod.statusCode).toBe(405);
    expect(wrongMethod.headers.allow).toBe("DELETE, PUT");
    expect(wrongMethod.json()).toMatchObject({ statusCode: 405, error: "method_not_allowed" });

    const anonymous = await t.app.inject({ method: "DELETE", url: "/api/health" });
    expect(anonymous.statusCode).toBe(405);
    expect(anonymous.headers.allow).toBe("GET, HEAD");

    const options = await t.app.inject({ method: "OPTIONS", url: "/api/auth/login" });
    expect(options.statusCode).toBe(204);
    expect(options.headers.allow).toBe("POST");

    // a body-taking method without a content type is still a 405, not the body parser's 400
    const query = await curator.inject({ method: "QUERY" as "GET", url: "/api/search" });
    expect(query.statusCode).toBe(405);

    const unknown = await curator.inject({ method: "GET", url: "/api/no-such-thing" });
    expect(unknown.statusCode).toBe(404);
  });

  it("answers a 204 with no body and no JSON content type", async () => {
    const created = await curator.inject({ method: "POST", url: "/api/synonyms", payload: { terms: ["a", "b"] } });
    expect(created.statusCode).toBe(201);
    const deleted = await curator.inject({ method: "DELETE", url: `/api/synonyms/${created.json().id}` });
    expect(deleted.statusCode).toBe(204);
    expect(deleted.body).toBe("");
    expect(deleted.headers["content-type"]).toBeUndefined();
  });

  it("refuses an overlong path parameter with the documented 400, not a 414", async () => {
    const response = await curator.inject({ url: `/api/practices/${"x".repeat(150)}` });
    expect(response.statusCode).toBe(400);
    expect(Object.keys(response.json()).sort()).toEqual(["error", "message", "statusCode"]);
  });

  it("documents the shared answers of every route, and 204s without content", async () => {
    const document = (await t.app.inject({ url: "/api/openapi.json" })).json();
    const responses = (path: string, method: string) => Object.keys(document.paths[path][method].responses);
    // a curator route: any login may be refused (401) or lack the role (403); the engine may be down (503)
    expect(responses("/api/synonyms/{id}", "put")).toEqual(
      expect.arrayContaining(["200", "400", "401", "403", "404", "413", "415", "431", "503"]),
    );
    // a staff read cannot be refused for the role, a public route never asks for a login
    expect(responses("/api/taxonomy", "get")).not.toContain("403");
    expect(responses("/api/health", "get")).not.toContain("401");
    expect(responses("/api/auth/login", "post")).toContain("429");
    const noContent = document.paths["/api/synonyms/{id}"].delete.responses["204"];
    expect(noContent.content).toBeUndefined();
  });

  it("shows the zod rules in the document: patterns, formats and optional filters", async () => {
    const document = (await t.app.inject({ url: "/api/openapi.json" })).json();
    const body = document.paths["/api/practices"].post.requestBody.content["application/json"].schema;
    expect(body.properties.reviewBy.format).toBe("date");
    // trimmed length and no control characters: two patterns
    expect(body.properties.title.allOf).toHaveLength(2);
    expect(body.properties.channels.uniqueItems).toBe(true);
    const channelFilter = document.paths["/api/search"].get.parameters.find(
      (parameter: { name: string }) => parameter.name === "channel",
    );
    expect(channelFilter.required).toBe(false);
  });
});
