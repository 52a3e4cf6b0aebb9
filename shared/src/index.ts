export * from "./accounts";
export * from "./api";
export * from "./languages";
export * from "./practice";
export * from "./search";
export * from "./taxonomy";
export * from "./taxonomyManagement";
export * from "./workflow";
