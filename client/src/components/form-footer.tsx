/** What a form shows below its fields: why the last submit failed (if it did) and the submit button. */
export function FormFooter({
  failure,
  busy,
  label,
  busyLabel,
}: {
  failure?: string | null;
  busy: boolean;
  label: string;
  busyLabel: string;
}) {
  return (
    <>
      {failure && (
        <p className="field-error" role="alert">
          {failure}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? busyLabel : label}
        </button>
      </div>
    </>
  );
}
