import "./styles/index.css";
import { startFirstSearch } from "@/features/search/api/first-search";
import { detectUiLanguage } from "@/lib/ui-language";
import { loadCoreStrings } from "@/locales/load";

// The boot script: a few KB that run before the app (React, the router, i18next and zod, which the
// HTML preloads meanwhile) has downloaded. It sends the first search and fetches the strings of the
// UI language now, so neither waits for the app to download and start.
const language = detectUiLanguage();
startFirstSearch(window.location, language);
const strings = loadCoreStrings(language);
void import("./app/start").then(({ startApp }) => startApp(language, strings));
