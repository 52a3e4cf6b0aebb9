/** Error whose message tells the user what to do; callers print it without a stack trace. */
export class LocalEngineError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LocalEngineError";
  }
}
