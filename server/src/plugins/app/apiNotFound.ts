import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";

/** A route path of the API as a pattern, and the methods it answers. */
interface KnownPath {
  pattern: RegExp;
  methods: Set<string>;
}

/** `/api/practices/:id/revisions/:number` → a pattern matching its concrete paths (a parameter is one segment). */
function patternOf(url: string): RegExp {
  const source = url
    .split("/")
    .map((segment) =>
      segment.startsWith(":") ? "[^/]+" : segment === "*" ? ".*" : segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"),
    )
    .join("/");
  return new RegExp(`^${source}$`);
}

/** The methods a concrete path answers: those of every route whose path matches it (the router picks per method). */
export function allowedMethods(known: KnownPath[], pathname: string): string[] {
  const methods = new Set<string>();
  for (const path of known) if (path.pattern.test(pathname)) for (const method of path.methods) methods.add(method);
  if (methods.has("GET")) methods.add("HEAD");
  return [...methods].sort();
}

/** The known paths of each app, built on first use from the routes the auth plugin collected. */
const knownPathsOf = new WeakMap<FastifyInstance["accessPolicies"], KnownPath[]>();

function knownPaths(app: FastifyInstance): KnownPath[] {
  const cached = knownPathsOf.get(app.accessPolicies);
  if (cached) return cached;
  const byUrl = new Map<string, Set<string>>();
  for (const { method, url } of app.accessPolicies) {
    const methods = byUrl.get(url) ?? new Set<string>();
    methods.add(method);
    byUrl.set(url, methods);
  }
  const known = [...byUrl].map(([url, methods]) => ({ pattern: patternOf(url), methods }));
  knownPathsOf.set(app.accessPolicies, known);
  return known;
}

/** The methods an API path answers (none: no route has this path). */
export function allowedMethodsAt(app: FastifyInstance, pathname: string): string[] {
  return allowedMethods(knownPaths(app), pathname);
}

/**
 * The answer to an API request no route takes: 405 with an `Allow` header when the path is known but not
 * for this method (OPTIONS: 204 with `Allow`), else 404.
 */
export function answerUnroutedApiRequest(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply) {
  const pathname = request.url.split("?")[0] ?? "";
  const allowed = allowedMethodsAt(app, pathname);
  if (allowed.length > 0) {
    reply.header("allow", allowed.join(", "));
    if (request.method === "OPTIONS") return reply.code(204).send();
    return reply.code(405).send({
      statusCode: 405,
      error: "method_not_allowed",
      message: `${pathname} does not answer ${request.method}; it answers ${allowed.join(", ")}`,
    });
  }
  return reply
    .code(404)
    .send({ statusCode: 404, error: "not_found", message: `No route ${request.method} ${pathname}` });
}

/** The not-found handler of the /api scope (register it there, after the routes): answerUnroutedApiRequest. */
export default fp(
  async (api) => {
    api.setNotFoundHandler((request, reply) => answerUnroutedApiRequest(api, request, reply));
  },
  { name: "api-not-found", dependencies: ["auth"] },
);
