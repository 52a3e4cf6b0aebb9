import { useTranslation } from "react-i18next";
import { useLabels } from "@/lib/taxonomy";
import { ForPrint } from "./for-print";
import { ChannelIcon } from "./icons";

/**
 * Channels as icons with their names, so they read at a glance and to a screen reader alike; with a
 * print language, printed in that language (a practice's card).
 */
export function ChannelList({ channels, printLanguage }: { channels: string[]; printLanguage?: string }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const printLabels = useLabels(printLanguage);
  if (channels.length === 0) return null;
  return (
    <ul className="channels" aria-label={t("card.channels")}>
      {channels.map((channel) => (
        <li key={channel} className="channel">
          <ChannelIcon channel={channel} />
          <span>
            {printLanguage ? (
              <ForPrint screen={labels.channel(channel)} print={printLabels.channel(channel)} lang={printLanguage} />
            ) : (
              labels.channel(channel)
            )}
          </span>
        </li>
      ))}
    </ul>
  );
}
