import type { z } from 'zod';

/** Each zod issue as `path: message`, e.g. `tracks[2].path: expected string` (the message alone at the root). */
export function issueLines(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const path = issue.path
      .map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`))
      .join('');
    return path ? `${path}: ${issue.message}` : issue.message;
  });
}

/** The issues on one line, separated by `; `. */
export function formatIssues(error: z.ZodError): string {
  return issueLines(error).join('; ');
}
