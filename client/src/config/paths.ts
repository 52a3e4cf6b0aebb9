/** Every app route and API URL in one place, so no component builds URLs by hand. */
export const paths = {
  home: {
    path: "/",
    /** The search page, optionally with a query string such as "q=fine&channel=phone". */
    getHref: (search?: URLSearchParams | string) => {
      const query = search?.toString() ?? "";
      return query ? `/?${query}` : "/";
    },
  },
  practice: {
    path: "/practices/:id",
    /** One practice's page. */
    getHref: (id: string) => `/practices/${encodeURIComponent(id)}`,
  },
  propose: {
    path: "/propose",
    /** The proposal form, prefilled with a title when one is given. */
    getHref: (title?: string) =>
      title?.trim() ? `/propose?${new URLSearchParams({ title: title.trim() })}` : "/propose",
  },
  api: {
    health: "/api/health",
    taxonomy: "/api/taxonomy",
    search: "/api/search",
    practices: "/api/practices",
    session: "/api/auth/session",
    /** One practice. */
    practice: (id: string) => `/api/practices/${encodeURIComponent(id)}`,
    /** Practices related to one practice. */
    related: (id: string) => `/api/practices/${encodeURIComponent(id)}/related`,
    /** "Did this help?" answers for one practice. */
    feedback: (id: string) => `/api/practices/${encodeURIComponent(id)}/feedback`,
  },
} as const;
