/** An error the API reports as is: a status code, a stable machine-readable id and a readable message. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly id: string,
    message: string,
    readonly problems?: unknown[],
    /** How many problems there are in all when `problems` lists only the first ones. */
    readonly problemCount?: number,
  ) {
    super(message);
  }
}

/** 404 for a practice id that does not exist. */
export const practiceNotFound = (id: string) => new ApiError(404, "practice_not_found", `No practice with id "${id}"`);
/** 400 for an import file that breaks the format; lists the first problems and counts them all. */
export const invalidImportFile = (problems: unknown[], problemCount = problems.length) =>
  new ApiError(
    400,
    "invalid_import_file",
    `The file has ${problemCount} problem(s); nothing was imported`,
    problems,
    problemCount,
  );
/** 409 when a write lost a race with another write. */
export const editConflict = (id: string) =>
  new ApiError(409, "edit_conflict", `Practice "${id}" was changed by someone else meanwhile; reload and try again`);
/** 503 when Elasticsearch cannot answer. */
export const searchUnavailable = () =>
  new ApiError(503, "search_unavailable", "The search engine is not available right now; try again in a moment");

/** 401 when a route needs a login and the request brings none. */
export const authenticationRequired = () =>
  new ApiError(401, "authentication_required", "Log in to use this; only the health check and login are open");
/** 401 when the session cookie names a session that expired, ended or was revoked. */
export const sessionExpired = () => new ApiError(401, "session_expired", "Your session has ended; log in again");
/** 401 when the account behind a session was deactivated. */
export const accountDeactivated = () =>
  new ApiError(401, "account_deactivated", "This account is deactivated; ask an administrator");
/** 401 for a wrong email or password (never saying which). */
export const invalidCredentials = () => new ApiError(401, "invalid_credentials", "Wrong email or password");
/** 401 for a Bearer token that is unknown, malformed or revoked. */
export const invalidToken = () =>
  new ApiError(401, "invalid_token", "The API token is not valid (unknown, mistyped or revoked)");
/** 403 when the user's role does not allow the action. */
export const forbidden = (what: string) => new ApiError(403, "forbidden", `Your role does not allow you to ${what}`);
/** 403 when the installation needs a reviewer other than the change's author, and the author tries to approve it. */
export const ownChangeNeedsOtherReviewer = (id: string) =>
  new ApiError(
    403,
    "own_change_needs_other_reviewer",
    `You made this change to practice "${id}", and this installation needs a reviewer other than its author ` +
      "(SEPARATE_REVIEWER): another curator or administrator must approve it",
  );
/** 403 for a cookie-authenticated write without the right CSRF token. */
export const csrfTokenInvalid = () =>
  new ApiError(
    403,
    "csrf_token_invalid",
    "Missing or wrong x-csrf-token header; get the token from GET /api/auth/session and send it with every change",
  );
/** 429 after too many login attempts for one email from one address. */
export const tooManyLoginAttempts = (retryAfter: string) =>
  new ApiError(429, "too_many_login_attempts", `Too many login attempts; try again in ${retryAfter}`);
/** 404 for a user id that does not exist. */
export const userNotFound = (id: string) => new ApiError(404, "user_not_found", `No user with id "${id}"`);
/** 409 when an account with the email exists already. */
export const userExists = (email: string) =>
  new ApiError(409, "user_exists", `An account with the email ${email} exists already`);
/** 409 when a change would leave no active administrator. */
export const lastAdministrator = () =>
  new ApiError(
    409,
    "last_administrator",
    "This is the last active administrator; make someone else administrator first",
  );
/** 400 when the current password given to change it is wrong. */
export const wrongCurrentPassword = () =>
  new ApiError(400, "wrong_current_password", "The current password is not right");
/** 404 for an API token id that does not exist. */
export const tokenNotFound = (id: string) => new ApiError(404, "token_not_found", `No API token with id "${id}"`);
/** 409 when an editor started from an older revision than the current one: nothing was saved. */
export const revisionConflict = (id: string, base: number, current: number, by: string) =>
  new ApiError(
    409,
    "edit_conflict",
    `Practice "${id}" was changed by ${by} while you were editing (you started from revision ${base}, ` +
      `it is now at revision ${current}). Nothing was saved: reload it, then apply your changes again.`,
  );
/** 409 when the workflow does not allow the action in the practice's current state. */
export const idempotencyKeyReused = () =>
  new ApiError(
    409,
    "idempotency_key_reused",
    "This idempotency key already created a different practice (or that practice changed since); use a new key for a new proposal",
  );

export const invalidTransition = (id: string, why: string) =>
  new ApiError(409, "invalid_transition", `Practice "${id}": ${why}`);
/** 409 when someone else's proposed edit of an approved practice awaits review. */
export const pendingEditExists = (id: string, by: string) =>
  new ApiError(
    409,
    "pending_edit_exists",
    `An edit of practice "${id}" by ${by} is awaiting review; a curator must decide on it first`,
  );
/** 404 for a revision number a practice does not have. */
export const revisionNotFound = (id: string, number: number) =>
  new ApiError(404, "revision_not_found", `Practice "${id}" has no revision ${number}`);
/** 400 for a review-by date that is not in the future. */
export const reviewByNotInFuture = () =>
  new ApiError(400, "invalid_review_by", "The review-by date must be after today");
/** 404 for a taxonomy entry that does not exist. */
export const taxonomyEntryNotFound = (kind: string, id: string) =>
  new ApiError(404, "taxonomy_entry_not_found", `No ${kind} entry "${id}"`);
/** 409 when creating a taxonomy entry whose id is taken. */
export const taxonomyEntryExists = (kind: string, id: string) =>
  new ApiError(409, "taxonomy_entry_exists", `The ${kind} entry "${id}" exists already`);
/** 409 when deleting a taxonomy entry that practices still use; it can only be merged into another. */
export const taxonomyEntryInUse = (kind: string, id: string, count: number) =>
  new ApiError(
    409,
    "taxonomy_entry_in_use",
    `The ${kind} entry "${id}" is used by ${count} practice(s); merge it into another entry instead`,
    [{ field: "id", reason: "in use", count }],
  );
/** 400 when merging an entry into itself. */
export const mergeIntoItself = () => new ApiError(400, "merge_into_itself", "An entry cannot be merged into itself");
/** 404 for a synonym group id that does not exist. */
export const synonymGroupNotFound = (id: string) =>
  new ApiError(404, "synonym_group_not_found", `No synonym group with id "${id}"`);
/** 400 when a practice names situation types, channels or audiences the taxonomy does not have. */
export const unknownTaxonomy = (problems: { field: string; reason: string }[]) =>
  new ApiError(
    400,
    "unknown_taxonomy",
    `Unknown taxonomy entries: ${problems.map((problem) => `${problem.field}: ${problem.reason}`).join("; ")}`,
    problems,
  );

/** 400 for a backup file that cannot be restored (nothing was written). */
export const invalidBackup = (reason: string) => new ApiError(400, "invalid_backup", reason);
/** 400 when a translation link would leave a group with two practices in one language, or link a practice to itself. */
export const invalidTranslationLink = (message: string) => new ApiError(400, "invalid_translation_link", message);
