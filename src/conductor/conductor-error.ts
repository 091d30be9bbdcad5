/**
 * A Conductor REST call that failed: names the method and URL, and carries
 * the HTTP status (undefined when no response arrived) so callers can tell a
 * 404 or a validation error from a server that is down.
 */
export class ConductorRequestError extends Error {
  override readonly name = 'ConductorRequestError';

  constructor(
    readonly method: string,
    readonly url: string,
    readonly status: number | undefined,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(`${method} ${url}: ${status === undefined ? '' : `HTTP ${status}: `}${detail}`, options);
  }

  /** True when retrying the same call later may succeed (no answer, or a 5xx/429). */
  get transient(): boolean {
    return this.status === undefined || this.status >= 500 || this.status === 429;
  }
}

/** Turns Conductor's error body (`{message, validationErrors}`) into one readable line. */
export function describeErrorBody(text: string): string {
  try {
    const body = JSON.parse(text) as { message?: unknown; validationErrors?: { path?: unknown; message?: unknown }[] };
    const parts = [typeof body.message === 'string' ? body.message : text.slice(0, 300)];
    for (const v of body.validationErrors ?? []) parts.push(`${String(v.path)}: ${String(v.message)}`);
    return parts.join('; ');
  } catch {
    return text.slice(0, 300) || '(empty body)';
  }
}
