// Every domain's drizzle tables, gathered for the drizzle client and drizzle-kit.
export * from '../system/schema';
export * from '../journal/schema';
export * from '../papers/schema';
export * from '../tracking/schema';
export * from '../stamps/schema';
export * from '../comments/schema';
export * from '../search/schema';
export * from '../io/schema';
