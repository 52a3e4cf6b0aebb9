/** An error the API reports as is: a status code, a stable machine-readable id and a readable message. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly id: string,
    message: string,
    readonly problems?: unknown[],
  ) {
    super(message);
  }
}

/** 404 for a practice id that does not exist. */
export const practiceNotFound = (id: string) => new ApiError(404, "practice_not_found", `No practice with id "${id}"`);
/** 400 for an import file that breaks the format; lists every problem. */
export const invalidImportFile = (problems: unknown[]) =>
  new ApiError(
    400,
    "invalid_import_file",
    `The file has ${problems.length} problem(s); nothing was imported`,
    problems,
  );
/** 409 when a write lost a race with another write. */
export const editConflict = (id: string) =>
  new ApiError(409, "edit_conflict", `Practice "${id}" was changed by someone else meanwhile; reload and try again`);
/** 503 when Elasticsearch cannot answer. */
export const searchUnavailable = () =>
  new ApiError(503, "search_unavailable", "The search engine is not available right now; try again in a moment");
