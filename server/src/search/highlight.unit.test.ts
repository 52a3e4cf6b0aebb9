import { describe, expect, it } from "vitest";
import { MARK_CLOSE, MARK_OPEN, restoreHighlight } from "./highlight";
import { normalizeForStemming } from "./text";

const mark = (text: string) => `${MARK_OPEN}${text}${MARK_CLOSE}`;

describe("restoreHighlight", () => {
  it("shows the original text (case, ё) with the matches marked", () => {
    const original = "Читатель ЗЛИТСЯ из-за штрафа, ещё и кричит";
    const normalised = normalizeForStemming(original);
    const fragment = `читатель ${mark("злится")} из-за ${mark("штрафа")}, еще и кричит`;
    expect(restoreHighlight(fragment, [normalised], [original])).toBe(
      "Читатель <mark>ЗЛИТСЯ</mark> из-за <mark>штрафа</mark>, ещё и кричит",
    );
  });

  it("escapes HTML in the text around and inside the marks", () => {
    const original = `A <script>alert("x")</script> & 'fine' dispute`;
    const normalised = normalizeForStemming(original);
    const fragment = `a <script>alert("x")</script> & 'fine' ${mark("dispute")}`;
    expect(restoreHighlight(fragment, [normalised], [original])).toBe(
      "A &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;fine&#39; <mark>dispute</mark>",
    );
  });

  it("keeps characters outside the basic plane whole", () => {
    const original = "Reader 📚 angry";
    const fragment = `reader 📚 ${mark("angry")}`;
    expect(restoreHighlight(fragment, [normalizeForStemming(original)], [original])).toBe(
      "Reader 📚 <mark>angry</mark>",
    );
  });

  it("falls back to the fragment itself when no stored value contains it", () => {
    expect(restoreHighlight(`${mark("x")} <b>`, ["other"], ["Other"])).toBe("<mark>x</mark> &lt;b&gt;");
  });
});
