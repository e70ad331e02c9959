/**
 * Waits for `work`, at most `ms`, and not after `signal` fired. Never rejects: the caller reads what is known
 * afterwards, and the work goes on in the background.
 */
export async function waitAtMost(work: Promise<unknown>, ms: number, signal?: AbortSignal): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: (() => void) | undefined;
  const gaveUp = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
    onAbort = () => resolve();
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  try {
    await Promise.race([work.then(() => undefined, () => undefined), gaveUp]);
  } finally {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  }
}
