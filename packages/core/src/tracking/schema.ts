// Drizzle tables of the tracking domain.
export {};
