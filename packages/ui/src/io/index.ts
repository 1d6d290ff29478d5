// Import, export and publish (the io domain's UI).
export { IoHost } from './IoHost';
export { IoMenu } from './IoMenu';
export { openIo, type IoAction } from './events';
