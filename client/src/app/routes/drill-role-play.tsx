import { useTranslation } from "react-i18next";
import { type LoaderFunctionArgs, useLoaderData } from "react-router";
import { getRolePlay } from "@/features/drills/api/get-role-play";
import { RolePlayPage } from "@/features/drills/components/role-play-page";
import { currentUiLanguage } from "../i18n";

/** The set's situations with their practices (role-play shows both, one after the other). */
export async function loader({ params, request }: LoaderFunctionArgs) {
  const setId = params.setId ?? "";
  return { setId, ...(await getRolePlay(setId, currentUiLanguage(), request.signal)) };
}

/** Role-play for two on one screen. */
export function Component() {
  const { t } = useTranslation();
  const { setId, name, cards } = useLoaderData<typeof loader>();
  return <RolePlayPage key={setId} setId={setId} name={name ?? t("drills.run.automaticName")} cards={cards} />;
}
