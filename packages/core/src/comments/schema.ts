// Drizzle tables of the comments domain.
export {};
