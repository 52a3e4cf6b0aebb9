import { Tokenizer, TokenParser, TokenType } from "@streamparser/json";

/**
 * A practice-kb file read as a sequence of events rather than one value, so an import never holds the whole
 * file: the top-level members other than `practices` (small: format and taxonomy), then each practice alone.
 */
export type InterchangeEvent =
  /** The file is not a JSON object at all. */
  | { kind: "notObject" }
  /** `format`, `situationTypes` or `channels`, whole. */
  | { kind: "member"; key: KnownMember; value: unknown }
  /** Any other top-level member: only its name matters (an unknown field is an error). */
  | { kind: "unknownMember"; key: string }
  /** Where `practices` starts; a value that is not an array is reported and not read. */
  | { kind: "practicesStart"; isArray: boolean }
  | { kind: "practice"; index: number; value: unknown };

/** The top-level members read whole. */
export type KnownMember = "format" | "situationTypes" | "channels";
const KNOWN_MEMBERS: readonly string[] = ["format", "situationTypes", "channels"];

/** A file that is not well-formed JSON: its reason names the byte offset. */
export class InterchangeSyntaxError extends Error {}

/** Where in the file a practice value is read from: every entry of the top-level `practices` array. */
const PATHS = ["$.format", "$.situationTypes", "$.channels", "$.practices.*"];

/**
 * The events of a file that is still a stream of bytes (a spooled request body, a file on disk). Memory holds
 * one chunk's events at a time: the parser keeps no practice once it is emitted. Each chunk is an await, so
 * other requests are served while a large file is read.
 */
export async function* interchangeEventsOfBytes(
  chunks: AsyncIterable<Uint8Array | string>,
): AsyncGenerator<InterchangeEvent> {
  const events: InterchangeEvent[] = [];
  const tokenizer = new Tokenizer();
  const parser = new TokenParser({ paths: PATHS, keepStack: false });
  // The tokens are watched on their way to the parser to see the top-level member names and value kinds.
  let depth = 0;
  let started = false;
  let expectingKey = false;
  let lastKey: string | null = null;
  let awaitingValueOf: string | null = null;
  let practiceIndex = 0;
  tokenizer.onToken = (info) => {
    const { token } = info;
    if (!started) {
      started = true;
      if (token !== TokenType.LEFT_BRACE) events.push({ kind: "notObject" });
    }
    if (depth === 1 && awaitingValueOf !== null) {
      if (awaitingValueOf === "practices")
        events.push({ kind: "practicesStart", isArray: token === TokenType.LEFT_BRACKET });
      awaitingValueOf = null;
    }
    if (token === TokenType.LEFT_BRACE || token === TokenType.LEFT_BRACKET) {
      depth++;
      expectingKey = depth === 1 && token === TokenType.LEFT_BRACE;
    } else if (token === TokenType.RIGHT_BRACE || token === TokenType.RIGHT_BRACKET) depth--;
    else if (depth === 1 && token === TokenType.COMMA) expectingKey = true;
    else if (depth === 1 && expectingKey && token === TokenType.STRING) {
      lastKey = String(info.value);
      expectingKey = false;
    } else if (depth === 1 && token === TokenType.COLON && lastKey !== null) {
      if (lastKey !== "practices" && !KNOWN_MEMBERS.includes(lastKey))
        events.push({ kind: "unknownMember", key: lastKey });
      awaitingValueOf = lastKey;
    }
    parser.write(info);
  };
  tokenizer.onError = (error) => {
    throw new InterchangeSyntaxError(`not valid JSON: ${error.message}`);
  };
  parser.onError = tokenizer.onError;
  parser.onValue = ({ value, key, stack }) => {
    if (stack.length === 2) events.push({ kind: "practice", index: practiceIndex++, value });
    else if (stack.length === 1 && KNOWN_MEMBERS.includes(String(key))) {
      events.push({ kind: "member", key: key as KnownMember, value });
    }
  };
  tokenizer.onEnd = () => {
    if (!parser.isEnded) parser.end();
  };
  parser.onEnd = () => {
    if (!tokenizer.isEnded) tokenizer.end();
  };
  for await (const chunk of chunks) {
    if (tokenizer.isEnded) {
      if (String(chunk).trim() !== "")
        throw new InterchangeSyntaxError("not valid JSON: text after the end of the file");
      continue;
    }
    tokenizer.write(chunk);
    yield* events;
    events.length = 0;
  }
  if (!started) throw new InterchangeSyntaxError("not valid JSON: the file is empty");
  if (!tokenizer.isEnded) tokenizer.end();
  yield* events;
}

/** The same events for a file already in memory (seed files, tests, benchmarks). */
export function* interchangeEventsOfValue(raw: unknown): Generator<InterchangeEvent> {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) {
    yield { kind: "notObject" };
    return;
  }
  for (const [key, value] of Object.entries(raw)) {
    if (key === "practices") {
      yield { kind: "practicesStart", isArray: Array.isArray(value) };
      if (Array.isArray(value))
        for (const [index, entry] of value.entries()) yield { kind: "practice", index, value: entry };
    } else if (KNOWN_MEMBERS.includes(key)) yield { kind: "member", key: key as KnownMember, value };
    else yield { kind: "unknownMember", key };
  }
}

/** Where an import reads its file from: called once per pass, each call reads the file from its start. */
export type InterchangeSource = () => AsyncIterable<InterchangeEvent> | Iterable<InterchangeEvent>;

/** A source for a file in memory. */
export const sourceOfValue =
  (raw: unknown): InterchangeSource =>
  () =>
    interchangeEventsOfValue(raw);
