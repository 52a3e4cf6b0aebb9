import type { TFunction } from "i18next";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ForPrint } from "@/components/for-print";
import { AvoidIcon, CopyIcon, SayIcon } from "@/components/icons";
import { copyText } from "@/lib/clipboard";
import { sendOutcome } from "../api/send-outcome";

interface PhraseListsProps {
  practiceId: string;
  language: string;
  say: string[];
  avoid: string[];
  /** The strings of the practice's language, for the printed card's headings (null until loaded). */
  cardT?: TFunction | null;
}

/** "Say" and "Avoid" phrases, told apart by heading, icon and wording as well as colour; say-phrases can be copied. */
export function PhraseLists({ practiceId, language, say, avoid, cardT = null }: PhraseListsProps) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState<number | null>(null);
  const [status, setStatus] = useState("");
  const timer = useRef<number | undefined>(undefined);

  useEffect(() => () => window.clearTimeout(timer.current), []);

  async function copy(index: number, text: string) {
    const ok = await copyText(text);
    if (ok) void sendOutcome("copied", practiceId);
    window.clearTimeout(timer.current);
    setCopied(ok ? index : null);
    setStatus(ok ? t("practice.copiedStatus", { text }) : t("practice.copyFailed"));
    timer.current = window.setTimeout(() => setCopied(null), 2500);
  }

  if (say.length === 0 && avoid.length === 0) return null;
  return (
    <div className="phrases">
      {say.length > 0 && (
        <section className="phrase-box phrase-say" aria-labelledby="say-heading">
          <h2 id="say-heading" className="phrase-heading">
            <SayIcon />
            <ForPrint
              screen={t("practice.say")}
              print={cardT ? cardT("practice.say") : t("practice.say")}
              lang={language}
            />
          </h2>
          <ul className="phrase-list">
            {say.map((phrase, index) => {
              const textId = `say-${practiceId}-${index}`;
              return (
                <li key={phrase} className="phrase">
                  <SayIcon />
                  <q id={textId} lang={language} className="phrase-text">
                    {phrase}
                  </q>
                  <button
                    type="button"
                    className="button button-secondary button-small copy-button no-print"
                    aria-describedby={textId}
                    onClick={() => copy(index, phrase)}
                  >
                    <CopyIcon />
                    <span>{copied === index ? t("practice.copied") : t("practice.copy")}</span>
                  </button>
                </li>
              );
            })}
          </ul>
        </section>
      )}
      {avoid.length > 0 && (
        <section className="phrase-box phrase-avoid" aria-labelledby="avoid-heading">
          <h2 id="avoid-heading" className="phrase-heading">
            <AvoidIcon />
            <ForPrint
              screen={t("practice.avoid")}
              print={cardT ? cardT("practice.avoid") : t("practice.avoid")}
              lang={language}
            />
          </h2>
          <ul className="phrase-list">
            {avoid.map((phrase) => (
              <li key={phrase} className="phrase">
                <AvoidIcon />
                <q lang={language} className="phrase-text">
                  {phrase}
                </q>
              </li>
            ))}
          </ul>
        </section>
      )}
      <p className="visually-hidden" role="status" aria-live="polite">
        {status}
      </p>
    </div>
  );
}
