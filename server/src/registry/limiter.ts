/** Rejection for a caller whose AbortSignal fired. */
export class CancelledError extends Error {
  constructor() {
    super('cancelled');
  }
}

interface Shared<T> {
  promise: Promise<T>;
  controller: AbortController;
  waiters: number;
}

/**
 * Bounds the requests in flight and lets identical concurrent lookups share one promise. Shared work is aborted
 * only when every caller waiting for it has cancelled.
 */
export class Limiter {
  private active = 0;
  private readonly queue: Array<() => void> = [];
  private readonly shared = new Map<string, Shared<unknown>>();

  constructor(private readonly maxInFlight = 8) {}

  async run<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.acquire(signal);
    try {
      return await fn();
    } finally {
      this.active--;
      this.queue.shift()?.();
    }
  }

  share<T>(key: string, fn: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) return Promise.reject(new CancelledError());
    let entry = this.shared.get(key) as Shared<T> | undefined;
    if (!entry) {
      const controller = new AbortController();
      const created: Shared<T> = { controller, waiters: 0, promise: Promise.resolve() as Promise<T> };
      created.promise = fn(controller.signal).finally(() => {
        if (this.shared.get(key) === created) this.shared.delete(key);
      });
      this.shared.set(key, created as Shared<unknown>);
      entry = created;
    }
    const current = entry;
    current.waiters++;
    if (!signal) return current.promise;
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => {
        reject(new CancelledError());
        if (--current.waiters === 0) {
          if (this.shared.get(key) === current) this.shared.delete(key);
          current.controller.abort();
        }
      };
      signal.addEventListener('abort', onAbort, { once: true });
      current.promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
  }

  private acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(new CancelledError());
    if (this.active < this.maxInFlight) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const grant = () => {
        signal?.removeEventListener('abort', onAbort);
        this.active++;
        resolve();
      };
      const onAbort = () => {
        const at = this.queue.indexOf(grant);
        if (at >= 0) this.queue.splice(at, 1);
        reject(new CancelledError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(grant);
    });
  }
}
