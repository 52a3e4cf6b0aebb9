import type { KbContext } from "../context";

// Every practice shown works out its buttons from the review rules, so the count of reviewers is cached
// briefly: a change made in this process (createUser, updateUser) forgets it at once, one made by another
// instance or the CLI shows within the time below.
const CACHE_MS = 30_000;
const cache = new WeakMap<KbContext["es"], { count: number; at: number }>();

/** How many active accounts may review (curators and administrators); cached for a short while. */
export async function activeReviewerCount(ctx: KbContext): Promise<number> {
  const cached = cache.get(ctx.es);
  if (cached && Date.now() - cached.at < CACHE_MS) return cached.count;
  const response = await ctx.es.count({
    index: ctx.names.users,
    query: { bool: { filter: [{ terms: { role: ["curator", "administrator"] } }, { term: { active: true } }] } },
  });
  cache.set(ctx.es, { count: response.count, at: Date.now() });
  return response.count;
}

/** Drops the cached count after an account was created, changed role, or was (de)activated. */
export function forgetReviewerCount(ctx: KbContext): void {
  cache.delete(ctx.es);
}
