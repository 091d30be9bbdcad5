export { taskCatalog, findTask } from './catalog.js';
export { taskWorker } from './task-worker.js';
export type { TaskResources } from './task-worker.js';
export type { TaskContext, DeliverySettings } from './task-context.js';
export type { TaskDefinition } from './task-definition.js';
export { joinOutputsInOrder } from './join-output.js';
export { blobKeys } from './blob-keys.js';
export { readTranscriptDocument } from './transcript-document.js';
