import { describe, expect, it } from "vitest";
import { toCsv } from "./csv";

describe("CSV export of an insight table", () => {
  it("quotes commas, quotes and line breaks, and keeps Cyrillic and Polish text as it is", () => {
    const csv = toCsv(
      ["query", "count"],
      [
        ["штраф, книга", 3],
        ['say "no"', 1],
        ["line\nbreak", 2],
        ["zażółć", 0],
      ],
    );
    expect(csv).toBe('\uFEFFquery,count\r\n"штраф, книга",3\r\n"say ""no""",1\r\n"line\nbreak",2\r\nzażółć,0\r\n');
  });

  it("never lets a typed query run as a spreadsheet formula", () => {
    const csv = toCsv(["query"], [['=HYPERLINK("http://x")'], ["+1 555"], ["-2"], ["@sum"]]);
    const cells = csv.slice(1).trim().split("\r\n").slice(1);
    expect(cells).toEqual(['"\'=HYPERLINK(""http://x"")"', "'+1 555", "'-2", "'@sum"]);
  });

  it("writes numbers as numbers, also negative ones, and empty cells for missing values", () => {
    expect(toCsv(["a", "b", "c"], [[-1, null, undefined]])).toBe("\uFEFFa,b,c\r\n-1,,\r\n");
  });
});
