import type { UiLanguage } from "@practice-kb/shared";

type PluralSuffix = "zero" | "one" | "two" | "few" | "many" | "other";

/** The shape every translation must have: the English keys, with plural keys left to each language's rules. */
export type Translation<T> = {
  [K in keyof T as K extends `${string}_${PluralSuffix}` ? never : K]: T[K] extends string ? string : Translation<T[K]>;
} & { [key: `${string}_${PluralSuffix}`]: string };

/** The UI strings of one lazily loaded part of the app (lib/messages.ts loads them), in every UI language. */
export type MessageBundle = Record<UiLanguage, Record<string, unknown>>;
