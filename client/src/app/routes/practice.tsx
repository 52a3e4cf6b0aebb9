import { useTranslation } from "react-i18next";
import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type ShouldRevalidateFunctionArgs,
  useLoaderData,
} from "react-router";
import { getOriginalDiff } from "@/features/practice/api/get-original-diff";
import { getPractice } from "@/features/practice/api/get-practice";
import { getRelated } from "@/features/practice/api/get-related";
import { getTranslations } from "@/features/practice/api/get-translations";
import { sendFeedback } from "@/features/practice/api/send-feedback";
import type { FeedbackResult } from "@/features/practice/components/feedback-form";
import { PracticeView } from "@/features/practice/components/practice-view";
import { rememberFeedback } from "@/features/practice/feedback-memory";
import { isPracticeStep, type PracticeStepResult, runPracticeStep } from "@/features/practice/practice-steps";
import {
  isTranslationStep,
  runTranslationStep,
  type TranslationStepResult,
} from "@/features/practice/translation-links";
import { ApiError } from "@/lib/api-client";
import { useDocumentTitle } from "@/lib/dom";
import { loadMessages } from "@/lib/messages";

/**
 * Loads a practice and its versions in other languages (the switcher sits at the top); related practices
 * are handed over as a promise so the page renders without them.
 */
export async function practiceLoader({ params, request }: LoaderFunctionArgs) {
  const id = params.id ?? "";
  const related = getRelated(id, request.signal).catch(() => []);
  const noTranslations = { practiceId: id, group: null, versions: [] };
  const translations = getTranslations(id, request.signal).catch(() => noTranslations);
  try {
    const practice = await getPractice(id, request.signal);
    // A translation whose original changed since: what changed there, streamed in like the related practices
    // (with the workflow strings, which name the diff's parts).
    const { translationOf, originalChanged } = practice.meta;
    const originalDiff =
      translationOf && originalChanged
        ? Promise.all([
            getOriginalDiff(translationOf.id, translationOf.revision, originalChanged.revision, request.signal),
            loadMessages("workflow"),
          ])
            .then(([diff]) => diff)
            .catch(() => null)
        : null;
    return { practice, related, translations: await translations, originalDiff };
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) throw data({ notFound: true }, { status: 404 });
    throw error;
  }
}

/** Sends a "did this help?" answer, or runs a team lead's step (archive, restore, still valid, translation links). */
export async function practiceAction({
  params,
  request,
}: ActionFunctionArgs): Promise<FeedbackResult | PracticeStepResult | TranslationStepResult> {
  const id = params.id ?? "";
  const form = await request.formData();
  const intent = form.get("intent");
  if (isPracticeStep(intent)) return runPracticeStep(id, intent, Number(form.get("baseRevision")), request.signal);
  if (isTranslationStep(intent)) return runTranslationStep(id, intent, String(form.get("of") ?? ""), request.signal);
  const helpful = form.get("helpful") === "true";
  const reason = String(form.get("reason") ?? "").trim() || undefined;
  try {
    await sendFeedback(id, { helpful, reason }, request.signal);
    rememberFeedback(id, helpful);
    return { ok: true, helpful, withReason: form.has("reason") };
  } catch {
    return { ok: false };
  }
}

/** Feedback does not change what the page shows, so it does not reload the practice; the team lead's steps do. */
export function practiceShouldRevalidate({
  formMethod,
  formData,
  defaultShouldRevalidate,
}: ShouldRevalidateFunctionArgs) {
  const intent = formData?.get("intent");
  if (formMethod && !isPracticeStep(intent) && !isTranslationStep(intent)) return false;
  return defaultShouldRevalidate;
}

/** The practice route. */
export function PracticeRoute() {
  const { practice, related, translations, originalDiff } = useLoaderData<typeof practiceLoader>();
  const { t } = useTranslation();
  useDocumentTitle(practice.title, t("app.name"));
  return (
    <PracticeView
      key={practice.id}
      practice={practice}
      related={related}
      translations={translations}
      originalDiff={originalDiff}
    />
  );
}
