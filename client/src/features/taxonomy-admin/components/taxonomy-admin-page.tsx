import { TAXONOMY_KINDS, type Taxonomy, type TaxonomyEntry } from "@practice-kb/shared";
import { useTranslation } from "react-i18next";
import { ActionStatus } from "@/components/status";
import { useDocumentTitle } from "@/lib/dom";
import type { SynonymGroup } from "../api/get-synonyms";
import type { TaxonomyResult } from "../taxonomy-action";
import { KindSection } from "./kind-section";
import { SynonymsSection } from "./synonyms-section";
import { useTaxonomyChange } from "./taxonomy-change";

/** What the taxonomy route's loader hands the page. */
export interface TaxonomyAdminData {
  taxonomy: Taxonomy;
  synonyms: SynonymGroup[];
}

/** Curators keep the situation types, channels and audiences (labels in every UI language) and synonym groups. */
export function TaxonomyAdminPage({ data }: { data: TaxonomyAdminData }) {
  const { t } = useTranslation();
  const fetcher = useTaxonomyChange();
  useDocumentTitle(t("taxonomyAdmin.title"), t("app.name"));
  const result = fetcher.state === "idle" ? fetcher.data : undefined;
  const message = result?.ok ? successMessage(result, t, data.taxonomy) : null;

  return (
    <div className="admin-page">
      <h1 className="page-title">{t("taxonomyAdmin.title")}</h1>
      <p className="lead">{t("taxonomyAdmin.intro")}</p>
      <ActionStatus message={message} />
      <nav aria-label={t("taxonomyAdmin.contents")} className="page-toc">
        <ul>
          {TAXONOMY_KINDS.map((kind) => (
            <li key={kind}>
              <a href={`#kind-${kind}`}>{t(`taxonomyAdmin.kinds.${kind}`)}</a>
            </li>
          ))}
          <li>
            <a href="#synonyms">{t("taxonomyAdmin.synonyms.title")}</a>
          </li>
        </ul>
      </nav>
      {TAXONOMY_KINDS.map((kind) => (
        <KindSection key={kind} kind={kind} entries={data.taxonomy[kind]} />
      ))}
      <SynonymsSection groups={data.synonyms} />
    </div>
  );
}

type Translate = ReturnType<typeof useTranslation>["t"];

/** What the page announces after a change succeeded. */
function successMessage(result: TaxonomyResult, t: Translate, taxonomy: Taxonomy): string {
  const [kind, id] = result.target.split(":");
  switch (result.intent) {
    case "create":
      return t("taxonomyAdmin.done.create");
    case "update":
      return t("taxonomyAdmin.done.update", { id });
    case "delete":
      return t("taxonomyAdmin.done.delete", { id });
    case "merge": {
      const entries = (taxonomy as Record<string, TaxonomyEntry[]>)[kind ?? ""] ?? [];
      const into = entries.find((entry) => entry.id === result.into)?.labels.en ?? result.into;
      return t("taxonomyAdmin.done.merge", { id, into, count: result.moved ?? 0 });
    }
    case "createSynonyms":
      return t("taxonomyAdmin.synonyms.added");
    case "deleteSynonyms":
      return t("taxonomyAdmin.synonyms.deleted");
  }
}
