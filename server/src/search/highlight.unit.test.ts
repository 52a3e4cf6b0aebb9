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

describe("snippet boundaries", () => {
  const situation =
    "A reader comes to the desk. The system shows an overdue fine, and the reader insists they returned the book on time through the book drop at night. Their voice rises.";

  it("starts a fragment cut just after a sentence's start at that sentence's start", () => {
    // The highlighter started a few words into the second sentence.
    const fragment = `shows an overdue ${mark("fine")}, and the reader insists`;
    expect(restoreHighlight(fragment, [situation])).toBe(
      "The system shows an overdue <mark>fine</mark>, and the reader insists…",
    );
  });

  it("drops the previous sentence's full stop a fragment starts with", () => {
    const fragment = `. their voice ${mark("rises")}.`;
    expect(restoreHighlight(fragment, [situation])).toBe("Their voice <mark>rises</mark>.");
  });

  it("starts far into a long sentence at a whole word, with an ellipsis, never mid-word", () => {
    // "…ok on time" would begin inside "book".
    const fragment = `ok on time through the book ${mark("drop")} at night.`;
    expect(restoreHighlight(fragment, [situation])).toBe("…on time through the book <mark>drop</mark> at night.");
  });

  it("leaves whole values alone and marks nothing as cut", () => {
    expect(restoreHighlight(`Explain the ${mark("fine")} calmly.`, ["Explain the fine calmly."])).toBe(
      "Explain the <mark>fine</mark> calmly.",
    );
  });

  it("works on Cyrillic and Polish text alike", () => {
    const uk =
      "Читач приходить до стійки. Система показує штраф за прострочення, а читач наполягає, що повернув книжку вчасно.";
    expect(restoreHighlight(`показує ${mark("штраф")} за прострочення`, [uk])).toBe(
      "Система показує <mark>штраф</mark> за прострочення…",
    );
    const pl =
      "Czytelnik kwestionuje karę za przetrzymanie książki, bo twierdzi, że oddał wszystko w terminie do wrzutni.";
    expect(restoreHighlight(`zystko w terminie do ${mark("wrzutni")}.`, [pl])).toBe(
      "…w terminie do <mark>wrzutni</mark>.",
    );
  });
});
