import { useState } from "react";
import { useTranslation } from "react-i18next";
import { sendOutcome } from "../api/send-outcome";

/**
 * One tap to log that the practice was used at the desk just now: the team lead sees which situations
 * really occur, by channel and time of day. Once per visit of the card, so a double tap counts once.
 */
export function UsedAtDeskButton({ practiceId }: { practiceId: string }) {
  const { t } = useTranslation();
  const [state, setState] = useState<"idle" | "sending" | "noted" | "failed">("idle");

  async function log() {
    setState("sending");
    setState((await sendOutcome("used", practiceId)) ? "noted" : "failed");
  }

  return (
    <>
      <button
        type="button"
        className="button button-secondary"
        aria-pressed={state === "noted"}
        disabled={state === "sending" || state === "noted"}
        onClick={log}
      >
        {state === "noted" ? t("practice.usedNoted") : t("practice.usedAtDesk")}
      </button>
      <span className="visually-hidden" role="status">
        {state === "noted" ? t("practice.usedNoted") : state === "failed" ? t("practice.usedFailed") : ""}
      </span>
    </>
  );
}
