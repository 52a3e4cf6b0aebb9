import type { SearchHit } from "@practice-kb/shared";
import { Suspense } from "react";
import { useTranslation } from "react-i18next";
import { Await } from "react-router";
import { PracticeCard } from "@/components/practice-card";

/** Related practices; streamed in after the practice itself so the page never waits for them. */
export function RelatedList({ related }: { related: Promise<SearchHit[]> }) {
  return (
    <Suspense fallback={null}>
      <Await resolve={related} errorElement={null}>
        {(hits: SearchHit[]) => <RelatedHits hits={hits} />}
      </Await>
    </Suspense>
  );
}

function RelatedHits({ hits }: { hits: SearchHit[] }) {
  const { t } = useTranslation();
  if (hits.length === 0) return null;
  return (
    <section className="related no-print" aria-labelledby="related-heading">
      <h2 id="related-heading">{t("practice.related")}</h2>
      <ul className="related-list">
        {hits.map((hit) => (
          <li key={hit.id}>
            <PracticeCard hit={hit} compact />
          </li>
        ))}
      </ul>
    </section>
  );
}
