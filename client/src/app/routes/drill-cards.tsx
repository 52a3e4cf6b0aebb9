import { useTranslation } from "react-i18next";
import { type LoaderFunctionArgs, useLoaderData } from "react-router";
import { getRolePlay } from "@/features/drills/api/get-role-play";
import { CARD_LAYOUTS, type CardLayout, RolePlayCardsPage } from "@/features/drills/components/role-play-cards-page";
import { currentUiLanguage } from "../i18n";

/** The set's cards and the layout asked for (one per sheet unless `?layout=half`). */
export async function loader({ params, request }: LoaderFunctionArgs) {
  const setId = params.setId ?? "";
  const asked = new URL(request.url).searchParams.get("layout");
  const layout: CardLayout = CARD_LAYOUTS.find((each) => each === asked) ?? "page";
  return { setId, layout, ...(await getRolePlay(setId, currentUiLanguage(), request.signal)) };
}

/** Printed role-play cards for a workshop. */
export function Component() {
  const { t } = useTranslation();
  const { setId, layout, name, cards } = useLoaderData<typeof loader>();
  return <RolePlayCardsPage setId={setId} layout={layout} name={name ?? t("drills.run.automaticName")} cards={cards} />;
}
