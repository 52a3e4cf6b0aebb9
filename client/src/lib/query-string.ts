// Kept apart from api-client (which brings zod) so the boot script can build the first search's URL.

/** A value of one query parameter; a list becomes repeated parameters. */
export type QueryValue = string | number | boolean | undefined | null | readonly (string | number)[];

/** Builds a query string in which arrays become repeated parameters (`channel=a&channel=b`). */
export function toQueryString(query: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === "") continue;
    if (Array.isArray(value)) {
      for (const item of value) params.append(key, String(item));
    } else {
      params.append(key, String(value));
    }
  }
  return params.toString();
}

/** A URL with its query string, or the bare URL when the query is empty. */
export function withQueryString(url: string, query: Record<string, QueryValue> | undefined): string {
  const search = query ? toQueryString(query) : "";
  return search ? `${url}?${search}` : url;
}
