import { type ActionFunctionArgs, type LoaderFunctionArgs, useLoaderData } from "react-router";
import { getSynonyms } from "@/features/taxonomy-admin/api/get-synonyms";
import { type TaxonomyAdminData, TaxonomyAdminPage } from "@/features/taxonomy-admin/components/taxonomy-admin-page";
import { changeTaxonomy, type TaxonomyResult } from "@/features/taxonomy-admin/taxonomy-action";
import { useRequireRole } from "@/lib/session";
import { getTaxonomy } from "@/lib/taxonomy";

/** Loads the taxonomy afresh (not the layout's copy, so each change shows at once) and the synonym groups. */
export async function loader({ request }: LoaderFunctionArgs): Promise<TaxonomyAdminData> {
  const [taxonomy, synonyms] = await Promise.all([getTaxonomy(request.signal), getSynonyms(request.signal)]);
  return { taxonomy, synonyms };
}

/** Adds, relabels, deletes or merges an entry, or adds or deletes a synonym group. */
export async function action({ request }: ActionFunctionArgs): Promise<TaxonomyResult> {
  return changeTaxonomy(await request.formData(), request.signal);
}

/** Taxonomy management (team leads; loaded lazily, with the administration strings). */
export function Component() {
  useRequireRole("curator");
  const data = useLoaderData<typeof loader>();
  return <TaxonomyAdminPage data={data} />;
}
