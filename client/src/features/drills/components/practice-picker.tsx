import type { DrillPracticePicks } from "@practice-kb/shared/drills";
import { useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { languageName } from "@/lib/languages";
import { findPracticesToPick } from "../api/find-practices-to-pick";

type Pick = DrillPracticePicks["hits"][number];

/** How long typing must pause before the picker asks the server. */
const TYPING_PAUSE_MS = 200;

/**
 * The lead's hand-picked list: find approved practices by words of their title, add them, reorder or remove
 * them; the form sends their ids in order (as `practiceIds`, one per line).
 */
export function PracticePicker() {
  const { t } = useTranslation();
  const id = useId();
  const [query, setQuery] = useState("");
  const [found, setFound] = useState<Pick[] | null>(null);
  const [picked, setPicked] = useState<Pick[]>([]);
  const [announcement, setAnnouncement] = useState("");

  useEffect(() => {
    if (!query.trim()) {
      setFound(null);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      findPracticesToPick(query, controller.signal).then(
        (answer) => setFound(answer.hits),
        () => setFound(null),
      );
    }, TYPING_PAUSE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query]);

  const add = (practice: Pick) => {
    setPicked((list) => (list.some((each) => each.id === practice.id) ? list : [...list, practice]));
    setAnnouncement(t("drills.form.picker.added", { title: practice.title }));
  };
  const moveUp = (index: number) =>
    setPicked((list) => {
      if (index === 0) return list;
      const next = [...list];
      [next[index - 1], next[index]] = [next[index] as Pick, next[index - 1] as Pick];
      return next;
    });
  const label = (practice: Pick) => `${practice.title} (${languageName(practice.language)})`;

  return (
    <fieldset className="drill-picker">
      <legend>{t("drills.form.practiceIds")}</legend>
      <p id={`${id}-hint`} className="field-hint">
        {t("drills.form.practiceIdsHint")}
      </p>
      <input type="hidden" name="practiceIds" value={picked.map((practice) => practice.id).join("\n")} />
      <label htmlFor={`${id}-find`} className="field-label">
        {t("drills.form.picker.find")}
      </label>
      <input
        id={`${id}-find`}
        type="search"
        value={query}
        aria-describedby={`${id}-hint`}
        onChange={(event) => setQuery(event.target.value)}
        // Enter adds the first match instead of sending the whole form
        onKeyDown={(event) => {
          if (event.key !== "Enter") return;
          event.preventDefault();
          if (found?.[0]) add(found[0]);
        }}
      />
      {found && found.length === 0 && <p className="field-hint">{t("drills.form.picker.noMatch")}</p>}
      {found && found.length > 0 && (
        <ul className="drill-picker-found">
          {found.map((practice) => (
            <li key={practice.id}>
              <button
                type="button"
                className="button button-secondary button-small"
                onClick={() => add(practice)}
                disabled={picked.some((each) => each.id === practice.id)}
              >
                {t("drills.form.picker.add", { title: label(practice) })}
              </button>
            </li>
          ))}
        </ul>
      )}
      <p className="field-label" id={`${id}-picked`}>
        {t("drills.form.picker.picked")}
      </p>
      {picked.length === 0 ? (
        <p className="field-hint">{t("drills.form.picker.none")}</p>
      ) : (
        <ol className="drill-picker-picked" aria-labelledby={`${id}-picked`}>
          {picked.map((practice, index) => (
            <li key={practice.id}>
              <span lang={practice.language}>{practice.title}</span>{" "}
              {index > 0 && (
                <button type="button" className="button button-secondary button-small" onClick={() => moveUp(index)}>
                  {t("drills.form.picker.up", { title: practice.title })}
                </button>
              )}{" "}
              <button
                type="button"
                className="button button-secondary button-small"
                onClick={() => setPicked((list) => list.filter((each) => each.id !== practice.id))}
              >
                {t("drills.form.picker.remove", { title: practice.title })}
              </button>
            </li>
          ))}
        </ol>
      )}
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
    </fieldset>
  );
}
