import { type FormEvent, type KeyboardEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { SearchIcon } from "@/components/icons";

/** The id of the search input, which the "/" shortcut focuses. */
export const SEARCH_INPUT_ID = "search-input";

// Long enough to coalesce a burst of keystrokes into one request, short enough to feel instant.
const DEBOUNCE_MS = 150;

interface SearchBoxProps {
  /** The query as the URL has it now. */
  value: string;
  /** True when `value` came from elsewhere (back/forward, a link), not from this box's own typing. */
  external: boolean;
  busy: boolean;
  resultsId: string;
  onSearch: (q: string) => void;
  /** ArrowDown from the box: move into the results; `searching` when that keystroke started a search. */
  onEnterResults: (searching: boolean) => void;
}

/** The one search box: searches as you type, debounced, and follows the URL on back/forward. */
export function SearchBox({ value, external, busy, resultsId, onSearch, onEnterResults }: SearchBoxProps) {
  const { t } = useTranslation();
  const [text, setText] = useState(value);
  const lastSent = useRef(value);
  const timer = useRef<number | undefined>(undefined);
  const lastKeyAt = useRef(0);
  const onSearchRef = useRef(onSearch);
  onSearchRef.current = onSearch;

  // Back/forward or a "did you mean" link changed the URL: show its query. Results of our own typing
  // never write back into the box: they can land while the user is still typing, and would eat keys.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new URL query may reset the box.
  useEffect(() => {
    if (external && value !== lastSent.current) {
      lastSent.current = value;
      setText(value);
    }
  }, [value]);

  useEffect(() => () => window.clearTimeout(timer.current), []);

  /** Whether `q` has the same words as the last query sent (it differs at most in spaces around them). */
  function changesNoWord(q: string): boolean {
    return q.trim() === lastSent.current.trim();
  }

  /** Searches for `q` now unless that is already the query; returns whether a search started. */
  function send(q: string): boolean {
    window.clearTimeout(timer.current);
    timer.current = undefined;
    if (changesNoWord(q)) {
      lastSent.current = q;
      return false;
    }
    lastSent.current = q;
    onSearchRef.current(q);
    return true;
  }

  // Leading-edge debounce: the first key after a pause searches at once (a single correction
  // shows results immediately); a burst of typing waits for a 150 ms pause.
  function schedule(q: string) {
    if (changesNoWord(q)) {
      // A key that changes no word (the space before the next one) searches for nothing and does not
      // count as typing: after a pause, "space, letter" still shows the new letter's results at once.
      send(q);
      return;
    }
    const now = performance.now();
    const idle = now - lastKeyAt.current > DEBOUNCE_MS && timer.current === undefined;
    lastKeyAt.current = now;
    window.clearTimeout(timer.current);
    if (idle) {
      send(q);
      // Keep a trailing timer so the rest of a burst that starts now is coalesced.
      timer.current = window.setTimeout(() => {
        timer.current = undefined;
      }, DEBOUNCE_MS);
      return;
    }
    timer.current = window.setTimeout(() => send(q), DEBOUNCE_MS);
  }

  function handleKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      onEnterResults(send(text));
    } else if (event.key === "/" && text === "") {
      // "/" is the focus-search shortcut; in an empty box it would only start a useless query.
      event.preventDefault();
    } else if (event.key === "Escape" && text !== "") {
      // Handled here so the global Esc handler does not also act on it.
      event.preventDefault();
      event.stopPropagation();
      setText("");
      send("");
    }
  }

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    send(text);
  }

  return (
    <search className="search-form">
      <form onSubmit={handleSubmit}>
        <label htmlFor={SEARCH_INPUT_ID} className="search-label">
          {t("search.label")}
        </label>
        <div className="search-field">
          <SearchIcon />
          <input
            id={SEARCH_INPUT_ID}
            className="search-input"
            type="search"
            name="q"
            autoComplete="off"
            spellCheck={false}
            enterKeyHint="search"
            placeholder={t("search.placeholder")}
            value={text}
            aria-describedby="search-hint"
            aria-controls={resultsId}
            onChange={(event) => {
              setText(event.target.value);
              schedule(event.target.value);
            }}
            onKeyDown={handleKeyDown}
          />
          {busy && <span className="search-spinner" aria-hidden="true" />}
        </div>
        <p id="search-hint" className="search-hint">
          {t("search.hint")}
        </p>
      </form>
    </search>
  );
}
