import type { UiLanguage } from "@practice-kb/shared";
import { createRoot } from "react-dom/client";
import type { CoreStrings } from "@/locales/load";
import { startI18n } from "./i18n";

// Gives the browser the main thread for a moment (to paint, or to handle a key) between two long jobs.
function yieldToMain(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Starts the app in `language`: i18n first (the loaders read the UI language), then the router,
 * whose loaders begin at once, then React.
 */
export async function startApp(language: UiLanguage, strings: Promise<CoreStrings>): Promise<void> {
  // The app is two chunks, both downloaded alongside the boot script (see vite.config.ts): this one
  // (React DOM, i18next) and the router with the pages and zod. Each is evaluated in a task of its own,
  // with a pause between, so a phone is not blocked for the whole start at once.
  await yieldToMain();
  startI18n(language, await strings);
  await yieldToMain();
  const { App, createAppRouter } = await import("./app");
  await yieldToMain();
  const router = createAppRouter();
  const container = document.getElementById("root");
  if (container) createRoot(container).render(<App router={router} />);
}
