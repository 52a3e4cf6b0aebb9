/** Mapping pieces every index definition uses. */
export const keyword = { type: "keyword" } as const;
/** Text kept for reading only (comments, notes): stored, not searchable. */
export const unindexedText = { type: "text", index: false } as const;
/** Who did something: an actor's id, display name and role. */
export const actorMapping = { properties: { id: keyword, name: keyword, role: keyword } } as const;
