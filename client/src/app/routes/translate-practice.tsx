import { type ActionFunctionArgs, data, type LoaderFunctionArgs, useLoaderData } from "react-router";
import { getPractice } from "@/features/propose/api/get-practice";
import { getTranslations } from "@/features/propose/api/get-translations";
import { TranslatePage } from "@/features/propose/components/translate-page";
import { type PracticeFormResult, submitProposal } from "@/features/propose/propose-action";
import { ApiError } from "@/lib/api-client";

/** Loads the practice to translate and the languages its translation group has already. */
export async function loader({ params, request }: LoaderFunctionArgs) {
  const id = params.id ?? "";
  try {
    const [original, translations] = await Promise.all([
      getPractice(id, request.signal),
      getTranslations(id, request.signal),
    ]);
    return { original, translations, language: new URL(request.url).searchParams.get("language") };
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) throw data({ notFound: true }, { status: 404 });
    throw error;
  }
}

/** Sends the translation as a proposal linked to the original (it goes through review like any other). */
export async function action({ request }: ActionFunctionArgs): Promise<PracticeFormResult> {
  return submitProposal(await request.formData(), request.signal);
}

/** The translate route (loaded lazily, with the workflow strings). */
export function Component() {
  const { original, translations, language } = useLoaderData<typeof loader>();
  return <TranslatePage key={original.id} original={original} translations={translations} language={language} />;
}
