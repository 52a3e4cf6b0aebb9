/**
 * A random id for the server to tell requests apart (search sessions, idempotency keys): 32 hex digits
 * from getRandomValues, which works on plain http too (crypto.randomUUID needs a secure context).
 */
export function randomId(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}
