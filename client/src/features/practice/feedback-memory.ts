const key = (id: string) => `practice-kb.feedback.${id}`;

/** Whether this browser already answered "did this help?" for a practice. */
export function rememberedFeedback(id: string): boolean {
  try {
    return localStorage.getItem(key(id)) !== null;
  } catch {
    return false;
  }
}

/** Remembers an answer so the question is not asked again at this desk. */
export function rememberFeedback(id: string, helpful: boolean): void {
  try {
    localStorage.setItem(key(id), helpful ? "yes" : "no");
  } catch {
    // Private mode or full storage: the answer was still sent, we just may ask again.
  }
}
