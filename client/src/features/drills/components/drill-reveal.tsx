import type { PracticeDetail } from "@practice-kb/shared";
import { useTranslation } from "react-i18next";
import { AvoidIcon, SayIcon } from "@/components/icons";

/** The learner's answer beside the approved practice, with its say and avoid phrases set apart. */
export function DrillReveal({ answer, practice }: { answer: string; practice: PracticeDetail }) {
  const { t } = useTranslation();
  return (
    <div className="drill-compare">
      <section className="drill-side" aria-labelledby="drill-your-answer">
        <h3 id="drill-your-answer">{t("drills.run.yourAnswer")}</h3>
        {answer ? (
          <p className="drill-own-answer">{answer}</p>
        ) : (
          <p className="field-hint">{t("drills.run.noAnswer")}</p>
        )}
      </section>
      <PracticeSide practice={practice} headingId="drill-the-practice" />
    </div>
  );
}

/** An approved practice as a drill shows it: its title, steps, and say and avoid phrases set apart. */
export function PracticeSide({ practice, headingId }: { practice: PracticeDetail; headingId: string }) {
  const { t } = useTranslation();
  return (
    <section className="drill-side" aria-labelledby={headingId} lang={practice.language}>
      <h3 id={headingId}>
        <span className="visually-hidden">{t("drills.run.practice")}: </span>
        {practice.title}
      </h3>
      <h4>{t("drills.run.steps")}</h4>
      <ol className="drill-steps">
        {practice.response.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
      <PhraseBox kind="say" heading={t("drills.run.say")} phrases={practice.sayPhrases} />
      <PhraseBox kind="avoid" heading={t("drills.run.avoid")} phrases={practice.avoidPhrases} />
    </section>
  );
}

/** The phrases to say or to avoid, each marked with its icon; nothing when there are none. */
function PhraseBox({ kind, heading, phrases }: { kind: "say" | "avoid"; heading: string; phrases: string[] }) {
  const Icon = kind === "say" ? SayIcon : AvoidIcon;
  if (phrases.length === 0) return null;
  return (
    <div className={`phrase-box phrase-${kind}`}>
      <h4 className="phrase-heading">
        <Icon />
        {heading}
      </h4>
      <ul className="phrase-list">
        {phrases.map((phrase) => (
          <li key={phrase} className="phrase">
            <Icon />
            <q className="phrase-text">{phrase}</q>
          </li>
        ))}
      </ul>
    </div>
  );
}
