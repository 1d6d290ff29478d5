// Drizzle tables of the stamps domain.
export {};
