import { CONTENT_LANGUAGES, type PracticeFieldName, practiceField } from "@practice-kb/shared";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { type ControlProps, Field, FieldErrors } from "@/components/field";
import { LANGUAGE_NAMES } from "@/lib/languages";
import { PRACTICE_FIELD_VIEWS, useFieldWords } from "@/lib/practice-fields";
import { labelsOf, useLabels, useTaxonomy } from "@/lib/taxonomy";

interface PracticeFieldProps {
  name: PracticeFieldName;
  /** The value to start from: the text being edited, or a new proposal's default. */
  value: string | string[] | undefined;
  errors: string[];
}

/** One field of the practice form, with the control its kind calls for. */
export function PracticeField({ name, value, errors }: PracticeFieldProps) {
  const { t } = useTranslation();
  const labels = useLabels();
  const taxonomy = useTaxonomy();
  const words = useFieldWords()(name);
  const field = practiceField(name);
  const label = words.formLabel ?? words.label;
  const optional = field.optional === true;
  const entries = field.taxonomy ? (taxonomy?.[field.taxonomy] ?? []) : [];
  const labelOf = field.taxonomy ? labelsOf(labels, field.taxonomy) : String;
  const text = typeof value === "string" ? value : undefined;
  const list = Array.isArray(value) ? value : undefined;

  if (field.kind === "taxonomy" && field.list) {
    // An optional list nobody has set up yet (no audiences) is left out rather than shown empty.
    if (optional && entries.length === 0) return null;
    return (
      <CheckboxGroup
        name={name}
        legend={label}
        optional={optional}
        options={entries.map((entry) => ({ id: entry.id, label: labelOf(entry.id) }))}
        checked={list}
        errors={errors}
      />
    );
  }

  const hint = field.kind === "phrases" ? [words.hint, t("propose.onePerLine")].filter(Boolean).join(" ") : words.hint;
  const lines = PRACTICE_FIELD_VIEWS[name].lines;
  const maxLength = field.schema instanceof z.ZodString ? (field.schema.maxLength ?? undefined) : undefined;
  return (
    <Field name={name} label={label} hint={hint} optional={optional} errors={errors}>
      {(control) => {
        switch (field.kind) {
          case "language":
            return (
              <select {...control} name={name} defaultValue={text}>
                {CONTENT_LANGUAGES.map((code) => (
                  <option key={code} value={code} lang={code}>
                    {LANGUAGE_NAMES[code]}
                  </option>
                ))}
              </select>
            );
          case "taxonomy":
            return (
              <select {...control} name={name} defaultValue={text ?? ""}>
                <option value="">{words.placeholder}</option>
                {entries.map((entry) => (
                  <option key={entry.id} value={entry.id}>
                    {labelOf(entry.id)}
                  </option>
                ))}
              </select>
            );
          case "tags":
            return <input {...control} name={name} type="text" defaultValue={list?.join(", ")} />;
          case "date":
            return <input {...control} name={name} type="date" defaultValue={text} />;
          default:
            if (field.list) {
              return <textarea {...control} name={name} rows={lines ?? 3} defaultValue={(list ?? []).join("\n")} />;
            }
            if (lines) return <textarea {...control} name={name} rows={lines} defaultValue={text} />;
            return <input {...control} name={name} type="text" defaultValue={text} maxLength={maxLength} />;
        }
      }}
    </Field>
  );
}

interface CheckboxGroupProps {
  name: PracticeFieldName;
  legend: string;
  optional?: boolean;
  options: { id: string; label: string }[];
  checked?: string[];
  errors: string[];
}

function CheckboxGroup({ name, legend, optional, options, checked, errors }: CheckboxGroupProps) {
  const { t } = useTranslation();
  const errorId = errors.length > 0 ? `field-${name}-error` : undefined;
  const control = (index: number): ControlProps => ({
    // The first box carries the field id, so the error summary's link lands on the group.
    id: index === 0 ? `field-${name}` : `field-${name}-${index}`,
    "aria-invalid": errors.length > 0 ? true : undefined,
  });
  return (
    <fieldset
      className={errors.length > 0 ? "field checkbox-group has-error" : "field checkbox-group"}
      aria-describedby={errorId}
    >
      <legend className="field-label">
        {legend}
        {optional && <span className="field-optional"> ({t("form.optional")})</span>}
      </legend>
      {errorId && <FieldErrors id={errorId} errors={errors} />}
      <div className="checkboxes">
        {options.map((option, index) => {
          const props = control(index);
          return (
            <label key={option.id} className="checkbox" htmlFor={props.id}>
              <input
                {...props}
                type="checkbox"
                name={name}
                value={option.id}
                defaultChecked={checked?.includes(option.id)}
              />
              <span>{option.label}</span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
