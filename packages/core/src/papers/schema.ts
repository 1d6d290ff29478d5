// Drizzle tables of the papers domain.
export {};
