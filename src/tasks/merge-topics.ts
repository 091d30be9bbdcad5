import { z } from 'zod';
import { TopicSchema } from '../domain/topic.js';
import { EventType } from '../store/transcript-store.js';
import { blobKeys } from './blob-keys.js';
import { writeJsonBlob } from './blob-json.js';
import { detectTopic } from './detect-topic.js';
import { joinOutputsInOrder } from './join-output.js';
import { defineTask } from './task-definition.js';

/** Collects the topic fan-out in meeting order and stores the topics once. */
export const mergeTopics = defineTask({
  name: 'merge_topics',
  description: 'Order the detected topics, store them, and log a TOPIC event for each',
  input: z.object({
    transcriptId: z.string().min(1),
    topicRefs: z.array(z.string()).min(1),
    topicResults: z.record(z.string(), z.unknown()),
  }),
  output: z.object({ topicsKey: z.string(), topicCount: z.number().int().positive() }),
  async run({ transcriptId, topicRefs, topicResults }, ctx) {
    const topics = joinOutputsInOrder(topicResults, topicRefs).map((raw) => detectTopic.output.parse(raw).topic);
    const topicsKey = blobKeys.topics(transcriptId);
    await writeJsonBlob(ctx.blobs, topicsKey, topics);
    await ctx.store.replaceTopics(transcriptId, topics);
    for (const topic of topics) await ctx.store.appendEvent(transcriptId, EventType.TOPIC, topic, `topic:${topic.id}`);
    return { topicsKey, topicCount: topics.length };
  },
});

/** Reads the topics blob written by merge_topics. */
export const TopicListSchema = z.array(TopicSchema);
