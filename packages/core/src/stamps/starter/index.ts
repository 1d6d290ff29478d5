export * from './starter-stamps';
