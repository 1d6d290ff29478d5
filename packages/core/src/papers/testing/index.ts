// Test-only helpers: realistic generated papers and bad inputs. Not for production code paths.
export * from './make-pdf';
export { AFFILIATIONS, SENTENCES } from './corpus';
