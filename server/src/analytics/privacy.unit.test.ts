import { describe, expect, it } from "vitest";
import { maskPersonalData, needKey } from "./privacy";

describe("masking personal data before storage", () => {
  it("masks emails, phone numbers and runs of four or more digits", () => {
    expect(maskPersonalData("reader jan.kowalski@example.com complains")).toBe("reader [email] complains");
    expect(maskPersonalData("call +48 601 234 567 back")).toBe("call [phone] back");
    expect(maskPersonalData("(050) 123-45-67")).toBe("[phone]");
    expect(maskPersonalData("тел. 123-45-67")).toBe("тел. [phone]");
    expect(maskPersonalData("card 4111 1111 1111 1111 lost")).toBe("card [number] [number] [number] [number] lost");
    expect(maskPersonalData("card no 29384756 blocked")).toBe("card no [number] blocked");
  });

  it("leaves short numbers and ordinary words alone", () => {
    expect(maskPersonalData("room 12 on floor 3")).toBe("room 12 on floor 3");
    expect(maskPersonalData("дитину залишили саму")).toBe("дитину залишили саму");
    expect(maskPersonalData("Żółw w bibliotece")).toBe("Żółw w bibliotece");
  });
});

describe("the key of a need", () => {
  it("counts the same need typed differently as one: case, diacritics, endings and word order", () => {
    const key = needKey("Fines disputed");
    expect(needKey("fine dispute")).toBe(key);
    expect(needKey("DISPUTED FINES")).toBe(key);
    expect(needKey("Książki zniszczone")).toBe(needKey("ksiazka zniszczona"));
  });

  it("counts a need with a reader's masked number or email as the same need", () => {
    const plain = needKey("zgubiona torba");
    expect(needKey(maskPersonalData("zgubiona torba 555-123-456"))).toBe(plain);
    expect(needKey(maskPersonalData("zgubiona torba jan@example.com karta 12345678"))).toBe(
      needKey("zgubiona torba karta"),
    );
  });

  it("tells different needs apart", () => {
    expect(needKey("lost card")).not.toBe(needKey("lost book"));
  });
});
