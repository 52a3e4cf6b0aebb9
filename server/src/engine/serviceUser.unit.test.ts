import { describe, expect, it } from "vitest";
import { ancestorsOf, relocatedPath } from "./serviceUser";

describe("relocatedPath", () => {
  it("mirrors a checkout's folders under one folder named after the checkout and a hash of its path", () => {
    const home = relocatedPath("/root/kb/.local/elasticsearch", "/root/kb");
    const data = relocatedPath("/root/kb/.local/data/es", "/root/kb");
    expect(home).toMatch(/^\/var\/lib\/practice-kb\/kb-[0-9a-f]{10}\/\.local\/elasticsearch$/);
    expect(data).toBe(`${home.slice(0, -"elasticsearch".length)}data/es`);
    // the same folder every time; another checkout of the same name elsewhere gets its own
    expect(relocatedPath("/root/kb/.local/data/es", "/root/kb")).toBe(data);
    expect(relocatedPath("/home/x/kb/.local/data/es", "/home/x/kb")).not.toBe(data);
  });

  it("names a folder outside the checkout by its own path", () => {
    expect(relocatedPath("/root/elsewhere/es", "/root/kb", "/srv/kb")).toMatch(/^\/srv\/kb\/es-[0-9a-f]{10}$/);
    expect(relocatedPath("/root/kb-other/es", "/root/kb", "/srv/kb")).toMatch(/^\/srv\/kb\/es-[0-9a-f]{10}$/);
  });
});

describe("ancestorsOf", () => {
  it("lists every folder on the way, shallowest first", () => {
    expect(ancestorsOf(["/a/b/c", "/a/d"])).toEqual(["/", "/a", "/a/b"]);
  });
});
