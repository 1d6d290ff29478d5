// Drizzle tables of the search domain.
export {};
