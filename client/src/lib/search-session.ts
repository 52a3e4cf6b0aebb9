import { randomId } from "./random-id";
// The desk's search session (issue 14): the searches typed towards one need share an id, so the team
// lead counts them once, as the query the librarian settled on. Search and practice both use it
// (features never import each other), and the boot script does too: imports stay none.

/** The request header that carries the session id (the server's SEARCH_SESSION_HEADER). */
export const SEARCH_SESSION_HEADER = "x-search-session";

interface SearchSession {
  id: string;
  /** The query of its last search. */
  q: string;
  /** The practice ids its last search showed, in order. */
  results: string[];
  /** A practice was opened from it: the next different search starts a new session. */
  ended: boolean;
}

let current: SearchSession | null = null;
/** The session each opened practice came from, for what is done with the practice afterwards. */
const sessionOfPractice = new Map<string, string>();

/**
 * The session a search for `q` belongs to: a new one when the box was cleared, or when a practice
 * was opened and the query then changed (coming back to the same results stays in their session).
 */
export function searchSessionFor(q: string): string {
  const cleared = q === "" && current?.q !== "";
  if (!current || cleared || (current.ended && current.q !== q)) {
    current = { id: randomId(), q, results: [], ended: false };
  }
  current.q = q;
  return current.id;
}

/** Remembers what a session's search showed, to know the rank of a practice opened from it. */
export function rememberResults(session: string, ids: string[]): void {
  if (current?.id === session) current.results = ids;
}

/**
 * Notes that a practice was opened: its search session and rank when it was among the session's last
 * results; either way the session ends (the next different search starts a new one).
 */
export function practiceOpened(practiceId: string): { session?: string; rank?: number } {
  if (!current) return {};
  current.ended = true;
  const index = current.results.indexOf(practiceId);
  if (index === -1) return {};
  sessionOfPractice.set(practiceId, current.id);
  return { session: current.id, rank: index + 1 };
}

/** The search session an opened practice came from, if it came from one. */
export function sessionOfOpenedPractice(practiceId: string): string | undefined {
  return sessionOfPractice.get(practiceId);
}
