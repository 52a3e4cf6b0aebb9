import { UI_LANGUAGES } from "@practice-kb/shared";
import { useTranslation } from "react-i18next";
import { Field } from "@/components/field";
import { LANGUAGE_NAMES } from "@/lib/languages";
import type { FieldErrorKind } from "../taxonomy-action";

/** An entry's label in every UI language (English required), for the add and edit forms. */
export function LabelFields({
  prefix,
  labels,
  errors,
}: {
  prefix: string;
  labels?: Record<string, string>;
  errors?: Record<string, FieldErrorKind>;
}) {
  const { t } = useTranslation();
  return (
    <div className="label-fields">
      {UI_LANGUAGES.map((language) => {
        const error = errors?.[`label-${language}`];
        return (
          <Field
            key={language}
            name={`${prefix}-label-${language}`}
            label={t("taxonomyAdmin.labelIn", { language: LANGUAGE_NAMES[language] })}
            optional={language !== "en"}
            errors={error ? [t(`taxonomyAdmin.errors.${error}`)] : []}
          >
            {(control) => (
              <input
                {...control}
                name={`label-${language}`}
                type="text"
                lang={language}
                maxLength={120}
                defaultValue={labels?.[language] ?? ""}
              />
            )}
          </Field>
        );
      })}
    </div>
  );
}
