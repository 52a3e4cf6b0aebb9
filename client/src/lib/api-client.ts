import { apiErrorSchema } from "@practice-kb/shared";
import { z } from "zod";
import { paths } from "@/config/paths";
import { type QueryValue, withQueryString } from "./query-string";
import { markRootDataStale } from "./root-data";

export { toQueryString } from "./query-string";

/** One field-level problem reported by the API, with its path flattened to "field" or "field.0". */
export interface FieldProblem {
  path: string;
  message: string;
}

/** A failed API call: HTTP status, the server's stable error id and any field problems. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly problems: FieldProblem[];
  /** The raw response body, for callers that expect a non-error shape on an error status (health). */
  readonly body: unknown;
  /** Seconds until a refused request may be tried again (a 429's Retry-After), when the server says. */
  retryAfterSeconds: number | null = null;

  constructor(status: number, code: string, message: string, problems: FieldProblem[] = [], body: unknown = null) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.problems = problems;
    this.body = body;
  }

  /** True when the request needs a login: none was sent, or the session ended. */
  get isUnauthorized(): boolean {
    return this.status === 401;
  }

  /** True when the user's role does not allow the request. */
  get isForbidden(): boolean {
    return this.status === 403;
  }

  /** True when the search engine or the server cannot answer right now. */
  get isUnavailable(): boolean {
    return this.status === 0 || this.status === 502 || this.status === 503 || this.status === 504;
  }
}

/** True when an error is the abort of a stale request, which callers should ignore. */
export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === "AbortError";
}

interface RequestOptions {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  query?: Record<string, QueryValue>;
  body?: unknown;
  signal?: AbortSignal;
  /** Extra request headers (e.g. the desk's search session). */
  headers?: Record<string, string>;
  /** The same GET, already sent (by the boot script, before the app loaded): its answer is read instead of asking again. */
  started?: Promise<Response>;
}

function normalizeProblemPath(path: unknown): string {
  const parts = Array.isArray(path) ? path.map(String) : String(path ?? "").split(/[./]/);
  // Servers name body fields as "/title", "body.title" or ["title"]; the form only knows "title".
  const cleaned = parts.filter((part) => part !== "" && part !== "body");
  return cleaned.join(".");
}

function parseProblems(problems: unknown[] | undefined): FieldProblem[] {
  if (!problems) return [];
  return problems.flatMap((problem) => {
    if (typeof problem !== "object" || problem === null) return [];
    const record = problem as Record<string, unknown>;
    const message = typeof record.message === "string" ? record.message : String(record.reason ?? "");
    return [{ path: normalizeProblemPath(record.path ?? record.field ?? record.instancePath), message }];
  });
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

const csrfSchema = z.object({ csrfToken: z.string().nullable() });
let csrfToken: Promise<string | null> | null = null;

// Cookie sessions must echo their CSRF token on every change; ask for it once, lazily. Without
// a session (or on a server without accounts) there is no token and writes go without one.
function currentCsrfToken(): Promise<string | null> {
  csrfToken ??= fetch(paths.api.session, { headers: { Accept: "application/json" } })
    .then(async (response) =>
      response.ok ? (csrfSchema.safeParse(await response.json()).data?.csrfToken ?? null) : null,
    )
    .catch(() => null);
  return csrfToken;
}

/** Keeps the CSRF token a login (or the session check) returned, so writes need not ask for it (null: none). */
export function rememberCsrfToken(token: string | null): void {
  csrfToken = Promise.resolve(token);
}

// A request started earlier knows no signal; the caller must still be able to stop waiting for it.
function untilAborted(response: Promise<Response>, signal: AbortSignal | undefined): Promise<Response> {
  if (!signal) return response;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const abort = () => reject(signal.reason);
    signal.addEventListener("abort", abort, { once: true });
    response.then(resolve, reject).finally(() => signal.removeEventListener("abort", abort));
  });
}

/** Calls the API and returns the response parsed with `schema`; every failure becomes an ApiError. */
export async function apiRequest<Schema extends z.ZodType>(
  url: string,
  schema: Schema,
  options: RequestOptions = {},
): Promise<z.infer<Schema>> {
  const init: RequestInit = {
    method: options.method ?? "GET",
    headers: { Accept: "application/json", ...options.headers },
    signal: options.signal,
  };
  if (options.body !== undefined) {
    init.headers = { ...init.headers, "Content-Type": "application/json" };
    init.body = JSON.stringify(options.body);
  }
  if (init.method !== "GET") {
    const token = await currentCsrfToken();
    if (token) init.headers = { ...init.headers, "x-csrf-token": token };
  }

  let response: Response;
  try {
    response = await (options.started
      ? untilAborted(options.started, options.signal)
      : fetch(withQueryString(url, options.query), init));
  } catch (error) {
    if (isAbortError(error)) throw error;
    throw new ApiError(0, "network_error", "The server could not be reached");
  }

  const body = await readJson(response);
  // A stale token (new login in another tab) is fetched again on the next change.
  if (response.status === 403) csrfToken = null;
  // The session ended (expired, logged out elsewhere, account deactivated): forget its token, and
  // let the layout learn that nobody is logged in any more. A failed login is not a lost session.
  if (response.status === 401 && url !== paths.api.login) {
    csrfToken = null;
    markRootDataStale();
  }
  if (!response.ok) {
    const parsed = apiErrorSchema.safeParse(body);
    const error = parsed.success
      ? new ApiError(
          parsed.data.statusCode,
          parsed.data.error,
          parsed.data.message,
          parseProblems(parsed.data.problems),
          body,
        )
      : new ApiError(response.status, `http_${response.status}`, response.statusText || "Request failed", [], body);
    const retryAfter = Number(response.headers.get("retry-after"));
    if (Number.isFinite(retryAfter) && retryAfter > 0) error.retryAfterSeconds = retryAfter;
    throw error;
  }

  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new ApiError(response.status, "invalid_response", `Unexpected response from ${url}`, [], body);
  }
  return parsed.data;
}
