import { useTranslation } from "react-i18next";
import { useLabels } from "@/lib/taxonomy";
import { ChannelIcon } from "./icons";

/** Channels as icons with their names, so they read at a glance and to a screen reader alike. */
export function ChannelList({ channels }: { channels: string[] }) {
  const { t } = useTranslation();
  const labels = useLabels();
  if (channels.length === 0) return null;
  return (
    <ul className="channels" aria-label={t("card.channels")}>
      {channels.map((channel) => (
        <li key={channel} className="channel">
          <ChannelIcon channel={channel} />
          <span>{labels.channel(channel)}</span>
        </li>
      ))}
    </ul>
  );
}
