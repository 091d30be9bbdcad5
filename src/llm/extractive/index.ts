export { createExtractiveSummarizer } from './extractive-summarizer.js';
