import type { z } from 'zod';
import { ConductorRequestError, describeErrorBody } from './conductor-error.js';
import {
  bulkResponseSchema,
  conductorTaskSchema,
  conductorWorkflowSchema,
  healthSchema,
  pollDataSchema,
  storedTaskDefSchema,
  storedWorkflowDefSchema,
  type BulkResponse,
  type ConductorTask,
  type ConductorWorkflow,
  type Health,
  type PollData,
  type StoredTaskDef,
  type StoredWorkflowDef,
  type TaskDefJson,
  type TaskResult,
  type WorkflowDefJson,
} from './conductor-schemas.js';

/** Where the server is and how long one call may take. */
export interface ConductorClientOptions {
  /** Base URL including `/api`, e.g. http://127.0.0.1:8080/api. */
  readonly baseUrl: string;
  /** Upper bound for any one call that is not a long poll (default 30 s). */
  readonly requestTimeoutMs?: number;
  /** Injected for tests of error paths; defaults to Node's global fetch. */
  readonly fetch?: typeof fetch;
}

/** Per-call options: every call can be aborted. */
export interface CallOptions {
  readonly signal?: AbortSignal;
}

const POLL_TIMEOUT_MAX_MS = 5000; // the server caps long polls at 5 s

/** The client configured from `CONDUCTOR_SERVER_URL` (default http://127.0.0.1:8080/api). */
export function conductorClientFromEnv(env: NodeJS.ProcessEnv = process.env): ConductorClient {
  return new ConductorClient({ baseUrl: env['CONDUCTOR_SERVER_URL'] ?? 'http://127.0.0.1:8080/api' });
}

/**
 * A typed client for the parts of Conductor OSS's REST API that Polyphony
 * uses. Each response is parsed with a zod schema; failures name the URL.
 */
export class ConductorClient {
  readonly baseUrl: string;
  readonly #timeoutMs: number;
  readonly #fetch: typeof fetch;

  constructor(options: ConductorClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.#timeoutMs = options.requestTimeoutMs ?? 30_000;
    this.#fetch = options.fetch ?? fetch;
  }

  /** `GET /health` (served at the root, beside `/api`). */
  async health(options: CallOptions = {}): Promise<Health> {
    const root = this.baseUrl.replace(/\/api$/, '');
    return this.#json('GET', `${root}/health`, healthSchema, options);
  }

  /** `POST /metadata/taskdefs`: creates or replaces each TaskDef. */
  async registerTaskDefs(defs: readonly TaskDefJson[], options: CallOptions = {}): Promise<void> {
    await this.#call('POST', this.#url('/metadata/taskdefs'), { ...options, body: defs });
  }

  /** `GET /metadata/taskdefs/{name}`; undefined when not registered. */
  async getTaskDef(name: string, options: CallOptions = {}): Promise<StoredTaskDef | undefined> {
    return this.#orUndefined(() =>
      this.#json('GET', this.#url(`/metadata/taskdefs/${encodeURIComponent(name)}`), storedTaskDefSchema, options),
    );
  }

  /** `PUT /metadata/workflow`: idempotent upsert of workflow definitions. */
  async upsertWorkflowDefs(defs: readonly WorkflowDefJson[], options: CallOptions = {}): Promise<BulkResponse> {
    return this.#json('PUT', this.#url('/metadata/workflow'), bulkResponseSchema, { ...options, body: defs });
  }

  /** `GET /metadata/workflow/{name}`; undefined when not registered. */
  async getWorkflowDef(
    name: string,
    version?: number,
    options: CallOptions = {},
  ): Promise<StoredWorkflowDef | undefined> {
    const url = this.#url(`/metadata/workflow/${encodeURIComponent(name)}`, { version });
    return this.#orUndefined(() => this.#json('GET', url, storedWorkflowDefSchema, options));
  }

  /** `POST /workflow/{name}`: starts a run, returns its workflowId. */
  async startWorkflow(
    name: string,
    input: Record<string, unknown>,
    options: CallOptions & { version?: number; correlationId?: string } = {},
  ): Promise<string> {
    const url = this.#url(`/workflow/${encodeURIComponent(name)}`, {
      version: options.version,
      correlationId: options.correlationId,
    });
    const id = (await this.#call('POST', url, { ...options, body: input })).trim();
    if (!id) throw new ConductorRequestError('POST', url, 200, 'empty workflowId in response');
    return id;
  }

  /** `GET /workflow/{id}`; tasks are included unless `includeTasks: false`. */
  async getWorkflow(id: string, options: CallOptions & { includeTasks?: boolean } = {}): Promise<ConductorWorkflow> {
    const url = this.#url(`/workflow/${encodeURIComponent(id)}`, { includeTasks: options.includeTasks ?? true });
    return this.#json('GET', url, conductorWorkflowSchema, options);
  }

  /** `POST /workflow/{id}/retry`: re-runs the failed tasks of a terminal workflow. */
  async retryWorkflow(id: string, options: CallOptions = {}): Promise<void> {
    await this.#call('POST', this.#url(`/workflow/${encodeURIComponent(id)}/retry`), options);
  }

  /** `POST /workflow/{id}/restart`: runs a terminal workflow again from the start. */
  async restartWorkflow(id: string, options: CallOptions & { useLatestDefinitions?: boolean } = {}): Promise<void> {
    const url = this.#url(`/workflow/${encodeURIComponent(id)}/restart`, {
      useLatestDefinitions: options.useLatestDefinitions,
    });
    await this.#call('POST', url, options);
  }

  /** `DELETE /workflow/{id}`: terminates a running workflow. */
  async terminateWorkflow(id: string, reason?: string, options: CallOptions = {}): Promise<void> {
    await this.#call('DELETE', this.#url(`/workflow/${encodeURIComponent(id)}`, { reason }), options);
  }

  /** `PUT /workflow/{id}/pause`. */
  async pauseWorkflow(id: string, options: CallOptions = {}): Promise<void> {
    await this.#call('PUT', this.#url(`/workflow/${encodeURIComponent(id)}/pause`), options);
  }

  /** `PUT /workflow/{id}/resume`. */
  async resumeWorkflow(id: string, options: CallOptions = {}): Promise<void> {
    await this.#call('PUT', this.#url(`/workflow/${encodeURIComponent(id)}/resume`), options);
  }

  /**
   * `GET /tasks/poll/batch/{taskType}`: up to `count` tasks, waiting up to
   * `timeoutMs` (capped at 5 s by the server) when none is queued. Every task
   * returned is IN_PROGRESS and owned by `workerId` until updated.
   */
  async pollBatch(
    taskType: string,
    params: { workerId: string; count: number; timeoutMs: number; domain?: string },
    options: CallOptions = {},
  ): Promise<ConductorTask[]> {
    const timeout = Math.min(Math.max(0, Math.round(params.timeoutMs)), POLL_TIMEOUT_MAX_MS);
    const url = this.#url(`/tasks/poll/batch/${encodeURIComponent(taskType)}`, {
      workerid: params.workerId,
      count: params.count,
      timeout,
      domain: params.domain,
    });
    const text = await this.#call('GET', url, { ...options, timeoutMs: timeout + this.#timeoutMs });
    if (!text.trim()) return []; // 204 when nothing was queued
    return parse(conductorTaskSchema.array(), text, 'GET', url);
  }

  /**
   * `POST /tasks`: reports a task's result. Plain update rather than
   * update-v2, which hands back the next task and would strand it if the
   * poller is stopping.
   */
  async updateTask(result: TaskResult, options: CallOptions = {}): Promise<void> {
    await this.#call('POST', this.#url('/tasks'), { ...options, body: result });
  }

  /** `GET /tasks/queue/polldata?taskType=`: the last poll of each worker on that queue. */
  async pollData(taskType: string, options: CallOptions = {}): Promise<PollData[]> {
    return this.#json('GET', this.#url('/tasks/queue/polldata', { taskType }), pollDataSchema.array(), options);
  }

  #url(path: string, query: Record<string, string | number | boolean | undefined> = {}): string {
    const url = new URL(this.baseUrl + path);
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    return url.toString();
  }

  async #json<S extends z.ZodType>(
    method: string,
    url: string,
    schema: S,
    options: CallOptions & { body?: unknown },
  ): Promise<z.infer<S>> {
    return parse(schema, await this.#call(method, url, options), method, url);
  }

  async #orUndefined<T>(call: () => Promise<T>): Promise<T | undefined> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof ConductorRequestError && error.status === 404) return undefined;
      throw error;
    }
  }

  /** One HTTP exchange; returns the body text of a 2xx answer, throws a ConductorRequestError otherwise. */
  async #call(
    method: string,
    url: string,
    options: CallOptions & { body?: unknown; timeoutMs?: number },
  ): Promise<string> {
    const timeout = AbortSignal.timeout(options.timeoutMs ?? this.#timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    let response: Response;
    let text: string;
    try {
      const init: RequestInit = { method, signal, headers: { accept: 'application/json, text/plain' } };
      if (options.body !== undefined) {
        init.body = JSON.stringify(options.body);
        init.headers = { ...init.headers, 'content-type': 'application/json' };
      }
      response = await this.#fetch(url, init);
      text = await response.text();
    } catch (error) {
      const reason = options.signal?.aborted
        ? 'aborted'
        : timeout.aborted
          ? `no answer within ${options.timeoutMs ?? this.#timeoutMs} ms`
          : error instanceof Error
            ? `${error.message}${error.cause instanceof Error ? ` (${error.cause.message})` : ''}`
            : String(error);
      throw new ConductorRequestError(method, url, undefined, reason, { cause: error });
    }
    if (!response.ok) throw new ConductorRequestError(method, url, response.status, describeErrorBody(text));
    return text;
  }
}

function parse<S extends z.ZodType>(schema: S, text: string, method: string, url: string): z.infer<S> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ConductorRequestError(method, url, 200, `response is not JSON: ${text.slice(0, 200)}`);
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    const issues = result.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new ConductorRequestError(method, url, 200, `unexpected response shape: ${issues.join('; ')}`);
  }
  return result.data;
}
