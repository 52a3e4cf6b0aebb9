import { useEffect } from "react";

/** True when a keystroke belongs to a text field or widget, so global shortcuts must leave it alone. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    return !["button", "checkbox", "radio", "submit", "reset", "file", "color", "range"].includes(target.type);
  }
  return false;
}

/** Sets the tab title for the current page; "Page · Practice KB" keeps tabs and history readable. */
export function useDocumentTitle(title: string | undefined, appName: string) {
  useEffect(() => {
    document.title = title ? `${title} · ${appName}` : appName;
  }, [title, appName]);
}

/** True on devices with a mouse or trackpad, where focusing the search box on load does not pop a keyboard. */
export function hasFinePointer(): boolean {
  return typeof window.matchMedia === "function" && window.matchMedia("(pointer: fine)").matches;
}
