// Drizzle tables of the journal domain.
export {};
