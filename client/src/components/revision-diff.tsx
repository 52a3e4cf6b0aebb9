import { type DiffPart, type FieldDiff, isPracticeFieldName, practiceField } from "@practice-kb/shared";
import { Fragment } from "react";
import { useTranslation } from "react-i18next";
import { languageName } from "@/lib/languages";
import { useFieldWords } from "@/lib/practice-fields";
import { labelsOf, useLabels } from "@/lib/taxonomy";

interface RevisionDiffProps {
  fields: FieldDiff[];
  /** The language the practice is written in, for the text's `lang`. */
  language: string;
  headingLevel?: 3 | 4 | 5;
}

/**
 * What changed between two revisions, field by field. Added text is an underlined <ins>, removed text
 * a struck-through <del>, each also announced in words, so the change never rests on colour alone.
 */
export function RevisionDiff({ fields, language, headingLevel = 3 }: RevisionDiffProps) {
  const { t } = useTranslation();
  const labels = useLabels();
  const changed = fields.filter((field) => field.changed);
  const Heading = headingLevel === 3 ? "h3" : headingLevel === 4 ? "h4" : "h5";

  const wordsOf = useFieldWords();
  // The diff names the status as well as the practice's own fields.
  const definition = (field: string) => (isPracticeFieldName(field) ? practiceField(field) : null);
  const nameOf = (field: string) =>
    isPracticeFieldName(field) ? wordsOf(field).label : t(`diff.fields.${field}`, { defaultValue: field });
  const display = (field: string, value: string): string => {
    const kind = definition(field)?.kind;
    const taxonomy = definition(field)?.taxonomy;
    if (taxonomy) return labelsOf(labels, taxonomy)(value);
    if (kind === "language") return languageName(value);
    if (field === "status") return t(`workflowStatus.${value}`, { defaultValue: value });
    return value;
  };
  // Ids and codes are in no language; what a person wrote is in the practice's.
  const isContent = (field: string) => {
    const kind = definition(field)?.kind;
    return kind !== undefined && kind !== "taxonomy" && kind !== "language";
  };

  if (changed.length === 0) return <p className="diff-none">{t("diff.noChanges")}</p>;

  return (
    <div className="diff">
      <p className="diff-legend">
        {t("diff.legendBefore")} <ins>{t("diff.legendAdded")}</ins>, <del>{t("diff.legendRemoved")}</del>.
      </p>
      <div className="diff-fields">
        {changed.map((field) => (
          <div key={field.field} className="diff-field">
            <Heading className="diff-field-name">{nameOf(field.field)}</Heading>
            <div className="diff-value" lang={isContent(field.field) ? language : undefined}>
              {field.kind === "list" ? (
                <ul className="diff-list">
                  {field.parts.map((part, index) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: parts have no identity beyond their place.
                    <li key={index} className={`diff-item diff-${part.type}`}>
                      <Part part={part} text={display(field.field, part.value)} list />
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="diff-text">
                  {field.parts.map((part, index) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: parts have no identity beyond their place.
                    <Fragment key={index}>
                      {/* A replaced value reads "old new", not "oldnew". */}
                      {index > 0 && part.type !== "equal" && field.parts[index - 1]?.type !== "equal" && " "}
                      <Part part={part} text={display(field.field, part.value)} />
                    </Fragment>
                  ))}
                </p>
              )}
            </div>
          </div>
        ))}
      </div>
    </div>
  );
}

function Part({ part, text, list = false }: { part: DiffPart; text: string; list?: boolean }) {
  const { t } = useTranslation();
  if (part.type === "equal") return <>{text}</>;
  const Tag = part.type === "added" ? "ins" : "del";
  return (
    <Tag>
      {list && (
        <span className="diff-sign" aria-hidden="true">
          {part.type === "added" ? "+" : "−"}
        </span>
      )}
      <span className="visually-hidden">[{part.type === "added" ? t("diff.added") : t("diff.removed")}: </span>
      {text}
      <span className="visually-hidden">]</span>
    </Tag>
  );
}
