export * from './activity-source';
export * from './days';
export * from './sources';
export * from './rules';
export * from './evaluate';
export * from './stamps';
export * from './describe';
export * from './memory-source';
