// Drizzle tables of the papers domain.
