// Pure tracking logic (no database, no I/O): the service and handlers build on these.
export * from './dates';
export * from './result';
export * from './csv';
export * from './metrics';
export * from './metric-csv';
export * from './habits';
export * from './goals';
export * from './timelog';
export * from './tasks';
export * from './spend';
export * from './dashboard';
