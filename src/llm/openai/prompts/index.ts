export { actionItemsPrompt } from './action-items-prompt.js';
export { notesPrompt } from './notes-prompt.js';
export { summaryPrompt } from './summary-prompt.js';
export { systemPrompt } from './system-prompt.js';
export { titlePrompt } from './title-prompt.js';
export { topicPrompt } from './topic-prompt.js';
