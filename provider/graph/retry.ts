export const BASE_DELAY_MS = 500;
export const MAX_DELAY_MS = 30_000;

/** Statuses worth another try when the request is idempotent (429 is always retried: not processed). */
const transient = new Set([500, 502, 503, 504]);

export interface RetryDecisionInput {
  readonly status: number | undefined; // undefined: no response (network error, timeout)
  readonly idempotent: boolean;
}

/**
 * Whether a failed request may be sent again. Graph does not process a request it answers with 429,
 * so that is always safe; anything else is retried only when repeating it cannot duplicate work.
 */
export function shouldRetry({ status, idempotent }: RetryDecisionInput): boolean {
  if (status === 429) return true;
  if (!idempotent) return false;
  return status === undefined || transient.has(status);
}

/** Milliseconds from a Retry-After header: delta-seconds or an HTTP date. */
export function retryAfterMs(header: string | undefined, now: number = Date.now()): number | undefined {
  if (header === undefined || header === "") return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Retry-After when Graph sent one, else capped exponential backoff with up to 20% jitter. */
export function retryDelayMs(
  attempt: number,
  retryAfter: number | undefined,
  random: () => number = Math.random,
): number {
  if (retryAfter !== undefined) return retryAfter;
  const exp = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp + exp * 0.2 * random());
}
