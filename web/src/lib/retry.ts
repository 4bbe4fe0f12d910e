// Retry with exponential backoff for requests that are safe to repeat: photo
// uploads (content-addressed) and record submissions (one Idempotency-Key per
// draft, so the server answers a repeat with the stored result instead of
// creating a second record). Only failures that may pass by themselves are
// retried: no connection, 408, 429 and 5xx. A 4xx answer is final.
import { ApiError } from '../api/client';

export function isRetryable(e: unknown): boolean {
  if (e instanceof ApiError) return e.status === 0 || e.status === 408 || e.status === 429 || e.status >= 500;
  // fetch() itself rejects with a TypeError when the network is down
  return e instanceof TypeError;
}

export interface RetryOptions {
  /** attempts in all, the first included (default 5) */
  maxAttempts?: number;
  /** delay before the second attempt; doubled each time (default 1000 ms) */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** 0..1: share of each delay drawn at random so many phones do not retry in step (default 0.2) */
  jitter?: number;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** called before each retry with the attempt number that follows (2, 3, …) */
  onRetry?: (attempt: number, error: unknown, delayMs: number) => void;
}

export function backoffDelay(attempt: number, o: RetryOptions = {}): number {
  const base = o.baseDelayMs ?? 1000;
  const max = o.maxDelayMs ?? 15_000;
  const raw = Math.min(max, base * 2 ** Math.max(0, attempt - 1));
  const jitter = o.jitter ?? 0.2;
  const r = (o.random ?? Math.random)();
  return Math.round(raw * (1 - jitter + jitter * r));
}

export const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs `fn` until it succeeds, fails with a final error, or the attempts are used up (then the last error). */
export async function withRetry<T>(fn: (attempt: number) => Promise<T>, o: RetryOptions = {}): Promise<T> {
  const max = Math.max(1, o.maxAttempts ?? 5);
  const sleep = o.sleep ?? realSleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (e) {
      if (attempt >= max || !isRetryable(e)) throw e;
      const delay = backoffDelay(attempt, o);
      o.onRetry?.(attempt + 1, e, delay);
      await sleep(delay);
    }
  }
}
