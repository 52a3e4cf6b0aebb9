// Desk insight schemas (issue 14) live in "@practice-kb/shared/insights", outside this barrel: the barrel is
// evaluated whole by the desk's initial bundle, and the insight screens load lazily.
export * from "./accounts";
export * from "./api";
export * from "./facets";
export * from "./languages";
export * from "./practice";
export * from "./practiceFields";
export * from "./practicePolicy";
export * from "./search";
export * from "./taxonomy";
export * from "./taxonomyManagement";
export * from "./translations";
export * from "./workflow";
