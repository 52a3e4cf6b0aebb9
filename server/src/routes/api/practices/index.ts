import {
  type Actor,
  apiErrorSchema,
  canViewPractice,
  feedbackCountsSchema,
  IDEMPOTENCY_KEY_HEADER,
  idempotencyKeySchema,
  PRACTICE_POLICY,
  practiceCreateInputSchema,
  practiceDetailSchema,
  practiceTranslationsSchema,
  practiceUpdateInputSchema,
  relatedPracticesSchema,
  revisionDiffSchema,
  revisionHistorySchema,
  revisionSchema,
  stillValidInputSchema,
  TRANSLATION_LINK_ROLE,
  translationLinkInputSchema,
  workflowActionInputSchema,
  workflowDecisionInputSchema,
} from "@practice-kb/shared";
import { feedbackVoteSchema } from "@practice-kb/shared/insights";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { castVote } from "../../../analytics/feedbackVotes";
import { forbidden } from "../../../lib/errors";
import { actorOf } from "../../../plugins/app/auth";
import { getPractice } from "../../../practices/commands";
import { defaultComparison, diffRevisions } from "../../../practices/diff";
import type { PracticeDocument } from "../../../practices/document";
import { presentPracticeDetail, presentRevision, presentRevisionSummary } from "../../../practices/presenter";
import { reviewRules } from "../../../practices/reviewRules";
import {
  approvePractice,
  archivePractice,
  confirmStillValid,
  rejectPractice,
  requestChanges,
  restorePractice,
} from "../../../practices/reviewSteps";
import { readRevision, readRevisions } from "../../../practices/revisions";
import { confirmStillMatches } from "../../../practices/translating";
import { linkTranslation, practiceTranslations, unlinkTranslation } from "../../../practices/translations";
import { createDraft, editPractice, submitPractice } from "../../../practices/workflow";
import { relatedPractices } from "../../../search/searchPractices";

const idParams = z.object({ id: z.string().min(1).max(100) });
const errors = {
  400: apiErrorSchema,
  401: apiErrorSchema,
  403: apiErrorSchema,
  404: apiErrorSchema,
  409: apiErrorSchema,
};
const revisionNumber = z.coerce.number().int().min(1).max(1_000_000);

// A step without a comment may be posted without a body.
const optionalAction = workflowActionInputSchema.nullish();

/** Workflow steps that take a comment (and optionally the revision the curator saw); who may take them is the policy table. */
const STEPS = [
  ["submit", "submit", optionalAction, submitPractice, "Send a draft (or an edit sent back) for review"],
  [
    "approve",
    "approve",
    optionalAction,
    approvePractice,
    "Approve; the text goes live in desk search (403 own_change_needs_other_reviewer: a separate reviewer is required)",
  ],
  [
    "request-changes",
    "requestChanges",
    workflowDecisionInputSchema,
    requestChanges,
    "Send back to the author with what to change",
  ],
  ["reject", "reject", workflowDecisionInputSchema, rejectPractice, "Refuse with a reason (or drop a pending edit)"],
  ["archive", "archive", optionalAction, archivePractice, "Retire from desk search"],
  ["restore", "restore", optionalAction, restorePractice, "Bring an archived practice back"],
] as const;

/** Practices: read, propose, edit with a revision check, the review workflow, history and diffs, feedback. */
const practiceRoutes: FastifyPluginAsyncZod = async (app) => {
  // What the user may do depends on the installation's review rules (a separate reviewer or not).
  const detail = async (doc: PracticeDocument, actor: Actor) =>
    presentPracticeDetail(doc, actor, await reviewRules(app.kb));

  app.get(
    "/practices/:id",
    {
      config: { access: "staff" },
      schema: {
        tags: ["practices"],
        summary: "One practice: live text, any pending edit, and what you may do with it",
        params: idParams,
        response: { 200: practiceDetailSchema, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const doc = await getPractice(app.kb, request.params.id);
      if (!canViewPractice(actor, doc)) throw forbidden("see someone else's practice before it is approved");
      return detail(doc, actor);
    },
  );

  app.post(
    "/practices",
    {
      config: { access: "staff" },
      schema: {
        tags: ["practices"],
        summary: "Propose a practice: a draft by you, or in review at once with submit: true",
        body: practiceCreateInputSchema,
        headers: z.object({
          [IDEMPOTENCY_KEY_HEADER]: idempotencyKeySchema
            .optional()
            .describe("makes a retry safe: the same key, person and text store one practice and get it back"),
        }),
        response: { 201: practiceDetailSchema, ...errors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const doc = await createDraft(app.kb, actor, request.body, request.headers[IDEMPOTENCY_KEY_HEADER]);
      return reply.code(201).send(await detail(doc, actor));
    },
  );

  app.put(
    "/practices/:id",
    {
      config: { access: PRACTICE_POLICY.edit.role },
      schema: {
        tags: ["practices"],
        summary:
          "Save a new text from baseRevision; an approved practice gets a pending edit (409 if changed meanwhile)",
        params: idParams,
        body: practiceUpdateInputSchema,
        response: { 200: practiceDetailSchema, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return detail(await editPractice(app.kb, actor, request.params.id, request.body), actor);
    },
  );

  for (const [path, action, body, step, summary] of STEPS) {
    app.post(
      `/practices/:id/${path}`,
      {
        config: { access: PRACTICE_POLICY[action].role },
        schema: {
          tags: ["workflow"],
          summary,
          params: idParams,
          body,
          response: { 200: practiceDetailSchema, ...errors },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        // Each step validates its own body shape; the union of the two input types is accepted by every step.
        const input = (request.body ?? {}) as z.infer<typeof workflowDecisionInputSchema>;
        return detail(await step(app.kb, actor, request.params.id, input), actor);
      },
    );
  }

  app.post(
    "/practices/:id/still-valid",
    {
      config: { access: PRACTICE_POLICY.stillValid.role },
      schema: {
        tags: ["workflow"],
        summary: "Confirm an approved practice is still valid: renews its review-by date",
        params: idParams,
        body: stillValidInputSchema.nullish(),
        response: { 200: practiceDetailSchema, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const doc = await confirmStillValid(app.kb, actor, request.params.id, request.body?.reviewBy);
      return detail(doc, actor);
    },
  );

  app.get(
    "/practices/:id/history",
    {
      config: { access: "staff" },
      schema: {
        tags: ["history"],
        summary: "Every revision of a practice, newest first: who, when, what, comment; and the pair to show first",
        params: idParams,
        response: { 200: revisionHistorySchema, ...errors },
      },
    },
    async (request) => {
      const doc = await getPractice(app.kb, request.params.id);
      if (!canViewPractice(actorOf(request), doc)) throw forbidden("see the history of someone else's draft");
      const revisions = await readRevisions(app.kb, doc.id, doc.meta.revision);
      return { revisions: revisions.map(presentRevisionSummary), defaultComparison: defaultComparison(revisions) };
    },
  );

  app.get(
    "/practices/:id/revisions/:number",
    {
      config: { access: "staff" },
      schema: {
        tags: ["history"],
        summary: "One revision with the full text it recorded",
        params: idParams.extend({ number: revisionNumber }),
        response: { 200: revisionSchema, ...errors },
      },
    },
    async (request) => {
      const doc = await getPractice(app.kb, request.params.id);
      if (!canViewPractice(actorOf(request), doc)) throw forbidden("see the history of someone else's draft");
      return presentRevision(await readRevision(app.kb, doc.id, request.params.number));
    },
  );

  app.get(
    "/practices/:id/diff",
    {
      config: { access: "staff" },
      schema: {
        tags: ["history"],
        summary: "Field-by-field difference of two revisions (words for text, items for lists)",
        params: idParams,
        querystring: z.strictObject({ from: revisionNumber, to: revisionNumber }),
        response: { 200: revisionDiffSchema, ...errors },
      },
    },
    async (request) => {
      const doc = await getPractice(app.kb, request.params.id);
      if (!canViewPractice(actorOf(request), doc)) throw forbidden("see the history of someone else's draft");
      const [from, to] = await Promise.all([
        readRevision(app.kb, doc.id, request.query.from),
        readRevision(app.kb, doc.id, request.query.to),
      ]);
      return {
        practiceId: doc.id,
        from: presentRevisionSummary(from),
        to: presentRevisionSummary(to),
        fields: diffRevisions(from, to),
      };
    },
  );

  app.post(
    "/practices/:id/feedback",
    {
      config: { access: "staff" },
      schema: {
        tags: ["practices"],
        summary: "Say whether a practice helped: one vote per person, a new vote replaces yours; a no may say why",
        params: idParams,
        body: feedbackVoteSchema,
        response: { 200: feedbackCountsSchema, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const doc = await getPractice(app.kb, request.params.id);
      if (!canViewPractice(actor, doc)) throw forbidden("rate someone else's draft");
      const { helpful, reason, session } = request.body;
      const counts = await castVote(app.kb, { practiceId: doc.id, actor, helpful, reason });
      app.insights.recorder?.recordOutcome({
        outcome: helpful ? "helpful" : "not-helpful",
        role: actor.role,
        practice: doc,
        session,
      });
      return counts;
    },
  );

  app.get(
    "/practices/:id/related",
    {
      config: { access: "staff" },
      schema: {
        tags: ["practices"],
        summary: "Approved practices like this one",
        params: idParams,
        response: { 200: relatedPracticesSchema, ...errors },
      },
    },
    async (request) => {
      const doc = await getPractice(app.kb, request.params.id);
      if (!canViewPractice(actorOf(request), doc)) throw forbidden("see someone else's draft");
      return { hits: await relatedPractices(app.kb, doc) };
    },
  );

  app.get(
    "/practices/:id/translations",
    {
      config: { access: "staff" },
      schema: {
        tags: ["practices"],
        summary: "The same practice in other languages: its translation group's other versions you may see",
        params: idParams,
        response: { 200: practiceTranslationsSchema, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const doc = await getPractice(app.kb, request.params.id);
      if (!canViewPractice(actor, doc)) throw forbidden("see someone else's draft");
      return practiceTranslations(app.kb, actor, doc);
    },
  );

  app.put(
    "/practices/:id/translation",
    {
      config: { access: TRANSLATION_LINK_ROLE },
      schema: {
        tags: ["practices"],
        summary:
          "Mark this practice as the translation of another (one group; 400 invalid_translation_link: two in one language)",
        description:
          "400 invalid_translation_link when the link cannot be made: `of` names this practice itself or a practice " +
          "in its language, or the joined group would hold two practices of one language.",
        params: idParams,
        body: translationLinkInputSchema,
        response: { 200: practiceTranslationsSchema, ...errors },
      },
    },
    async (request) => linkTranslation(app.kb, actorOf(request), request.params.id, request.body.of),
  );

  app.delete(
    "/practices/:id/translation",
    {
      config: { access: TRANSLATION_LINK_ROLE },
      schema: {
        tags: ["practices"],
        summary: "Take this practice out of its translation group (a group left with one practice ends)",
        params: idParams,
        response: { 200: practiceTranslationsSchema, ...errors },
      },
    },
    async (request) => unlinkTranslation(app.kb, actorOf(request), request.params.id),
  );

  app.post(
    "/practices/:id/still-matches",
    {
      config: { access: TRANSLATION_LINK_ROLE },
      schema: {
        tags: ["workflow"],
        summary:
          "Confirm a translation still matches its changed original: clears 'the original changed' (400 when it is no translation)",
        params: idParams,
        response: { 200: practiceDetailSchema, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return detail(await confirmStillMatches(app.kb, actor, request.params.id), actor);
    },
  );
};
export default practiceRoutes;
