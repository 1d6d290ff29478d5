// Drizzle tables of the io domain.
export {};
