import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

/** The accessibility wiring a control needs: its id, what describes it, and whether it is invalid. */
export interface ControlProps {
  id: string;
  "aria-describedby"?: string;
  "aria-invalid"?: true;
}

interface FieldProps {
  name: string;
  label: string;
  hint?: string;
  optional?: boolean;
  errors: string[];
  children: (control: ControlProps) => ReactNode;
}

/** A labelled form field with its hint and errors, tied to the control by aria-describedby. */
export function Field({ name, label, hint, optional, errors, children }: FieldProps) {
  const { t } = useTranslation();
  const id = `field-${name}`;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors.length > 0 ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={errors.length > 0 ? "field has-error" : "field"}>
      <label htmlFor={id} className="field-label">
        {label}
        {optional && <span className="field-optional"> ({t("form.optional")})</span>}
      </label>
      {hint && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
      {errorId && <FieldErrors id={errorId} errors={errors} />}
      {children({ id, "aria-describedby": describedBy, "aria-invalid": errors.length > 0 ? true : undefined })}
    </div>
  );
}

/** The errors of one field, worded for a person. */
export function FieldErrors({ id, errors }: { id: string; errors: string[] }) {
  return (
    <div id={id} className="field-error">
      {errors.map((error) => (
        <p key={error}>{error}</p>
      ))}
    </div>
  );
}
