import { embeddedRuntime } from './embedded-runtime.js';
import type { RuntimeFactory } from './runtime.js';

/**
 * Every runtime the conformance suite runs against. A Conductor-server
 * implementation of RuntimeFactory is added to this list (typically only when
 * its server is configured, e.g. CONDUCTOR_SERVER_URL is set).
 */
export const RUNTIMES: RuntimeFactory[] = [embeddedRuntime];
