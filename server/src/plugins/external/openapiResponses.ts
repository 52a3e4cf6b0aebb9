import { apiErrorSchema } from "@practice-kb/shared";
import { z } from "zod";

/** What the OpenAPI transform knows of a route: enough to tell which answers the app's shared layers can give. */
export interface DocumentedRoute {
  methods: string[];
  url: string;
  /** config.access: "public" or the least role the route needs. */
  access: string | undefined;
  /** The media types a download route declares (schema.produces), when not JSON. */
  produces?: string[];
}

/** A response as the swagger plugin reads it: a JSON schema, with its description in x-response-description. */
type ResponseSchema = Record<string, unknown>;

const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

// The error body every layer answers with (the error handler, the framework errors, Node's 431).
const errorBody = z.toJSONSchema(apiErrorSchema) as ResponseSchema;
delete errorBody.$schema;

// Always JSON, also on a route that produces another type (a download): the content is stated, not derived.
const error = (description: string): ResponseSchema => ({
  "x-response-description": description,
  content: { "application/json": { schema: errorBody } },
});

const BAD_REQUEST = error(
  "validation_error: the parameters, headers or body break the rules shown in this document (the problems list each); " +
    "or the request is malformed (invalid JSON, an undecodable path, a path parameter over 100 characters).",
);
const UNAUTHENTICATED = error(
  "No valid login: authentication_required, session_expired, account_deactivated or invalid_token.",
);
const FORBIDDEN = error(
  "forbidden: the role does not allow this; or csrf_token_invalid: a write with the session cookie " +
    "lacks the x-csrf-token header.",
);
const NOT_FOUND = error("No such resource (the id in the path names nothing).");
const PAYLOAD_TOO_LARGE = error("fst_err_ctp_body_too_large: the body is larger than the route accepts.");
const UNSUPPORTED_MEDIA_TYPE = error("fst_err_ctp_invalid_media_type: the body's content type is not accepted.");
const HEADERS_TOO_LARGE = error("The request headers are larger than the server accepts (16 KB).");
const UNAVAILABLE = error("search_unavailable: the search engine (Elasticsearch) did not answer in time.");

/**
 * Adds the answers that the app's shared layers give to every route, so that the document lists every
 * status a route really answers: 400 (validation, malformed request), 401 and 403 (the access hook, CSRF),
 * 404 (a path parameter that names nothing), 413 and 415 (the body parser),
 * 431 (Node's header limit) and 503 (the engine). A status the route declares itself is kept as declared.
 * A 204 is documented with no content (its body is empty).
 */
export function withSharedResponses(
  route: DocumentedRoute,
  responses: Record<string, ResponseSchema> | undefined,
): Record<string, ResponseSchema> {
  const documented: Record<string, ResponseSchema> = { ...responses };
  if (documented["204"]) documented["204"] = { type: "null", description: "No Content" };
  // a route that states no success answer (a file download) still has one, of any shape
  if (!Object.keys(documented).some((status) => status.startsWith("2"))) {
    documented["200"] = { "x-response-description": "OK" };
  }
  const add = (status: number, response: ResponseSchema) => {
    const declared = documented[status];
    if (!declared) documented[status] = response;
    // a route's own error schema without words gets the shared description
    else if (!declared.description && !declared["x-response-description"]) {
      documented[status] = { ...declared, "x-response-description": response["x-response-description"] };
    }
    // a route's own error schema is JSON too, whatever the route produces
    if (declared && !declared.content && route.produces) {
      const { "x-response-description": description, ...schema } = documented[status] as ResponseSchema;
      documented[status] = { "x-response-description": description, content: { "application/json": { schema } } };
    }
  };
  const hasPathParameters = /[:*]/.test(route.url);
  const writes = route.methods.some((method) => WRITE_METHODS.has(method));
  add(400, BAD_REQUEST);
  if (route.access !== "public") {
    add(401, UNAUTHENTICATED);
    if (route.access !== "staff" || writes) add(403, FORBIDDEN);
  }
  if (hasPathParameters) {
    add(404, NOT_FOUND);
  }
  if (writes) {
    add(413, PAYLOAD_TOO_LARGE);
    add(415, UNSUPPORTED_MEDIA_TYPE);
  }
  add(431, HEADERS_TOO_LARGE);
  add(503, UNAVAILABLE);
  return Object.fromEntries(Object.entries(documented).sort(([a], [b]) => a.localeCompare(b)));
}
