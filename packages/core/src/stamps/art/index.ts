export * from './png';
export * from './raster';
export * from './font';
export * from './icons';
export * from './palettes';
export * from './spec';
export * from './render';
export * from './collection-html';
