import { ROLES } from "@practice-kb/shared";
import { useTranslation } from "react-i18next";

/** The roles as <option>s of a select, labelled in the UI language. */
export function RoleOptions() {
  const { t } = useTranslation();
  return ROLES.map((role) => (
    <option key={role} value={role}>
      {t(`roles.${role}`)}
    </option>
  ));
}
