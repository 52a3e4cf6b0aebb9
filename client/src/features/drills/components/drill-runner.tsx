import type { PracticeDetail } from "@practice-kb/shared";
import { DRILL_RATINGS, type DrillItem, type DrillRating, type DrillRun } from "@practice-kb/shared/drills";
import { useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { type EditPrefillState, paths } from "@/config/paths";
import { ApiError } from "@/lib/api-client";
import { useDocumentTitle } from "@/lib/dom";
import { useLabels } from "@/lib/taxonomy";
import { getPractice } from "../api/get-practice";
import { recordAttempt } from "../api/record-attempt";
import { BackToDrills } from "./back-to-drills";
import { DrillReveal } from "./drill-reveal";

const RATING_KEYS: Record<string, DrillRating> = { "1": "handled", "2": "partly", "3": "wrong" };

/** Runs a set's drills one by one: situation, the learner's answer, the practice revealed, a self-rating. */
export function DrillRunner({ run }: { run: DrillRun }) {
  const { t } = useTranslation();
  const [index, setIndex] = useState(0);
  const [ratings, setRatings] = useState<DrillRating[]>([]);
  const name = run.name ?? t("drills.run.automaticName");
  useDocumentTitle(name, t("app.name"));
  const item = run.items[index];
  return (
    <div className="drills-page">
      <BackToDrills />
      <h1 className="page-title">{name}</h1>
      {run.items.length === 0 ? (
        <p>{run.name === null ? t("drills.run.emptyAutomatic") : t("drills.run.empty")}</p>
      ) : item ? (
        <DrillStep
          key={`${item.practiceId}-${index}`}
          item={item}
          setId={run.setId}
          position={{ current: index + 1, total: run.items.length }}
          onRated={(rating) => {
            setRatings((done) => [...done, rating]);
            setIndex((current) => current + 1);
          }}
        />
      ) : (
        <RunDone ratings={ratings} setId={run.setId} />
      )}
    </div>
  );
}

function RunDone({ ratings, setId }: { ratings: DrillRating[]; setId: string }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const count = (rating: DrillRating) => ratings.filter((each) => each === rating).length;
  return (
    <section className="drill-panel" aria-labelledby="drill-done">
      <h2 id="drill-done" ref={ref} tabIndex={-1}>
        {t("drills.run.doneTitle")}
      </h2>
      <p role="status">
        {t("drills.run.done", {
          count: ratings.length,
          handled: count("handled"),
          partly: count("partly"),
          wrong: count("wrong"),
        })}
      </p>
      <p className="drill-set-actions">
        <Link className="button" to={paths.drills.getHref()}>
          {t("drills.run.back")}
        </Link>
        <Link reloadDocument className="button button-secondary" to={paths.drillRun.getHref(setId)}>
          {t("drills.run.again")}
        </Link>
      </p>
    </section>
  );
}

interface DrillStepProps {
  item: DrillItem;
  setId: string;
  position: { current: number; total: number };
  onRated: (rating: DrillRating) => void;
}

function DrillStep({ item, setId, position, onRated }: DrillStepProps) {
  const { t } = useTranslation();
  const labels = useLabels();
  const navigate = useNavigate();
  const situationId = useId();
  const [answer, setAnswer] = useState("");
  const [practice, setPractice] = useState<PracticeDetail | null>(null);
  const [phase, setPhase] = useState<"answering" | "loading" | "revealed" | "saving">("answering");
  const [error, setError] = useState("");
  const answerRef = useRef<HTMLTextAreaElement>(null);
  const revealedRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => answerRef.current?.focus(), []);
  useEffect(() => {
    if (phase === "revealed") revealedRef.current?.focus();
  }, [phase]);

  async function reveal() {
    if (phase !== "answering") return;
    setPhase("loading");
    try {
      setPractice(await getPractice(item.shownId));
      setPhase("revealed");
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : String(caught));
      setPhase("answering");
    }
  }

  async function rate(rating: DrillRating) {
    if (phase !== "revealed") return;
    setPhase("saving");
    try {
      await recordAttempt({ practiceId: item.practiceId, setId, rating, answer: answer.trim() || undefined });
      onRated(rating);
    } catch (caught) {
      setError(t("drills.run.failed", { message: caught instanceof ApiError ? caught.message : String(caught) }));
      setPhase("revealed");
    }
  }

  // 1, 2, 3 rate once the practice shows (not while typing in a field).
  useEffect(() => {
    if (phase !== "revealed") return;
    function onKeyDown(event: KeyboardEvent) {
      const target = event.target as HTMLElement | null;
      if (event.ctrlKey || event.metaKey || event.altKey || target?.closest("input, textarea, select")) return;
      const rating = RATING_KEYS[event.key];
      if (!rating) return;
      event.preventDefault();
      void rate(rating);
    }
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  });

  function proposeBetter() {
    const state: EditPrefillState = { drillAnswer: answer.trim() };
    navigate(paths.editPractice.getHref(item.shownId), { state });
  }

  return (
    <section className="drill-panel drill-step" aria-labelledby="drill-situation-heading">
      <p className="drill-progress">{t("drills.run.progress", position)}</p>
      <h2 id="drill-situation-heading">{t("drills.run.situation")}</h2>
      <p className="drill-meta">
        <span>
          {t("drills.run.type")}: {labels.situationType(item.situationType)}
        </span>
        <span>
          {t("drills.run.channels")}: {item.channels.map(labels.channel).join(", ")}
        </span>
        {item.audiences.length > 0 && (
          <span>
            {t("drills.run.audiences")}: {item.audiences.map(labels.audience).join(", ")}
          </span>
        )}
      </p>
      <p id={situationId} className="drill-situation" lang={item.language}>
        {item.situation}
      </p>
      <div className="field">
        <label htmlFor="drill-answer" className="field-label">
          {t("drills.run.answer")}
        </label>
        <p id="drill-answer-hint" className="field-hint">
          {t("drills.run.answerHint")}
        </p>
        <textarea
          id="drill-answer"
          ref={answerRef}
          rows={4}
          maxLength={4000}
          value={answer}
          readOnly={phase !== "answering"}
          aria-describedby={`${situationId} drill-answer-hint`}
          onChange={(event) => setAnswer(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
              event.preventDefault();
              void reveal();
            }
          }}
        />
      </div>
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
      {phase === "answering" || phase === "loading" ? (
        <p className="drill-set-actions">
          <button type="button" className="button" onClick={() => void reveal()} aria-keyshortcuts="Control+Enter">
            {t("drills.run.reveal")} <kbd>{t("drills.run.revealHint")}</kbd>
          </button>
          {phase === "loading" && <span role="status">{t("drills.run.loading")}</span>}
        </p>
      ) : (
        practice && (
          <>
            <h2 id="drill-revealed" ref={revealedRef} tabIndex={-1} className="visually-hidden">
              {t("drills.run.practice")}
            </h2>
            <DrillReveal answer={answer.trim()} practice={practice} />
            <fieldset className="drill-rating" disabled={phase === "saving"}>
              <legend>{t("drills.run.rate")}</legend>
              <p className="field-hint">{t("drills.run.rateHint")}</p>
              {DRILL_RATINGS.map((rating, position) => (
                <button
                  key={rating}
                  type="button"
                  className={`button drill-rate drill-rate-${rating}`}
                  aria-keyshortcuts={String(position + 1)}
                  onClick={() => void rate(rating)}
                >
                  <kbd>{position + 1}</kbd> {t(`drills.rating.${rating}`)}
                </button>
              ))}
              {phase === "saving" && <span role="status">{t("drills.run.saving")}</span>}
            </fieldset>
            {answer.trim() && practice.actions.includes("edit") && (
              <p className="drill-better">
                <button type="button" className="button button-secondary" onClick={proposeBetter}>
                  {t("drills.run.better")}
                </button>
                <span className="field-hint">{t("drills.run.betterHint")}</span>
              </p>
            )}
          </>
        )
      )}
    </section>
  );
}
