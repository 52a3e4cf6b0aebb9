import { z } from "zod";

/** Languages practices may be written in (the format allows more later). */
export const CONTENT_LANGUAGES = ["uk", "pl", "ru", "en"] as const;
/** Languages the user interface is translated into. */
export const UI_LANGUAGES = ["uk", "pl", "ru", "en"] as const;

export const contentLanguageSchema = z.enum(CONTENT_LANGUAGES);
export type ContentLanguage = z.infer<typeof contentLanguageSchema>;
export type UiLanguage = (typeof UI_LANGUAGES)[number];
