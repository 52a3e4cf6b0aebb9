import type { MessageBundle } from "../types";
import { en } from "./en";
import { pl } from "./pl";
import { ru } from "./ru";
import { uk } from "./uk";

/** The drill screens' strings in every UI language. */
export const messages: MessageBundle = { en, uk, pl, ru };
