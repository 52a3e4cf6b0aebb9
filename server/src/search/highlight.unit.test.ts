import { describe, expect, it } from "vitest";
import { MARK_CLOSE, MARK_OPEN, restoreHighlight } from "./highlight";

const mark = (text: string) => `${MARK_OPEN}${text}${MARK_CLOSE}`;

describe("restoreHighlight", () => {
  it("shows the original text (case, ё) with the matches marked", () => {
    const original = "Читатель ЗЛИТСЯ из-за штрафа, ещё и кричит";
    const fragment = `читатель ${mark("злится")} из-за ${mark("штрафа")}, еще и кричит`;
    expect(restoreHighlight(fragment, [original])).toBe(
      "Читатель <mark>ЗЛИТСЯ</mark> из-за <mark>штрафа</mark>, ещё и кричит",
    );
  });

  it("escapes HTML in the text around and inside the marks", () => {
    const original = `A <script>alert("x")</script> & 'fine' dispute`;
    const fragment = `a <script>alert("x")</script> & 'fine' ${mark("dispute")}`;
    expect(restoreHighlight(fragment, [original])).toBe(
      "A &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;fine&#39; <mark>dispute</mark>",
    );
  });

  it("keeps characters outside the basic plane whole", () => {
    const original = "Reader 📚 angry";
    const fragment = `reader 📚 ${mark("angry")}`;
    expect(restoreHighlight(fragment, [original])).toBe("Reader 📚 <mark>angry</mark>");
  });

  it("finds the fragment in whichever value holds it", () => {
    const steps = ["Greet the reader.", "Explain the FINE calmly."];
    expect(restoreHighlight(`explain the ${mark("fine")} calmly.`, steps)).toBe(
      "Explain the <mark>FINE</mark> calmly.",
    );
  });

  it("falls back to the fragment itself when no stored value contains it", () => {
    expect(restoreHighlight(`${mark("x")} <b>`, ["Other"])).toBe("<mark>x</mark> &lt;b&gt;");
  });
});
