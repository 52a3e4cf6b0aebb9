import { beforeEach, describe, expect, it, vi } from "vitest";

// The module keeps the desk's one current session: each test starts from a fresh copy.
let session: typeof import("./search-session");
beforeEach(async () => {
  vi.resetModules();
  session = await import("./search-session");
});

describe("the desk's search session", () => {
  it("keeps one id while a query is typed letter by letter", () => {
    const id = session.searchSessionFor("f");
    expect(session.searchSessionFor("fi")).toBe(id);
    expect(session.searchSessionFor("fines")).toBe(id);
    expect(id).toMatch(/^[0-9a-f]{32}$/);
  });

  it("starts a new one when the box is cleared", () => {
    const first = session.searchSessionFor("fines");
    const cleared = session.searchSessionFor("");
    expect(cleared).not.toBe(first);
    expect(session.searchSessionFor("noise")).toBe(cleared);
  });

  it("gives an opened practice its session and rank, and starts anew once the query changes", () => {
    const id = session.searchSessionFor("fines");
    session.rememberResults(id, ["a", "b", "c"]);
    expect(session.practiceOpened("b")).toEqual({ session: id, rank: 2 });
    expect(session.sessionOfOpenedPractice("b")).toBe(id);
    // Back to the same results: still that session; a new query: a new one.
    expect(session.searchSessionFor("fines")).toBe(id);
    expect(session.searchSessionFor("fines d")).not.toBe(id);
  });

  it("opens a practice that was not among the results without a session, and still ends it", () => {
    const id = session.searchSessionFor("fines");
    session.rememberResults(id, ["a"]);
    expect(session.practiceOpened("z")).toEqual({});
    expect(session.sessionOfOpenedPractice("z")).toBeUndefined();
    expect(session.searchSessionFor("fines d")).not.toBe(id);
  });
});
