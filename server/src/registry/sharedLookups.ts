import { CancelledError } from './errors';

interface Shared<T> {
  promise: Promise<T>;
  controller: AbortController;
  waiters: number;
}

/**
 * Lets identical concurrent lookups share one promise. Shared work is aborted only when every caller waiting for it
 * has cancelled.
 */
export class SharedLookups {
  private readonly shared = new Map<string, Shared<unknown>>();

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
}
