// importRoster reports progress per batch of rows (many times a second on a big file); the job
// row only needs the latest value now and then. At most one write per interval, the last value
// always written (a trailing write), writes never overlapping.

export type ProgressThrottle<T> = {
  report(value: T): void;
  /** Writes what is still pending and waits for writes in flight. */
  flush(): Promise<void>;
};

export function throttleProgress<T>(
  write: (value: T) => Promise<unknown>,
  intervalMs: number,
  onError: (error: unknown) => void = () => {},
): ProgressThrottle<T> {
  let pending: { value: T } | null = null;
  let lastWriteAt = Number.NEGATIVE_INFINITY;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let chain: Promise<void> = Promise.resolve();

  const writePending = () => {
    timer = null;
    if (!pending) return;
    const { value } = pending;
    pending = null;
    lastWriteAt = Date.now();
    chain = chain.then(() => write(value)).then(() => undefined, onError);
  };

  return {
    report(value) {
      pending = { value };
      if (timer) return;
      const wait = lastWriteAt + intervalMs - Date.now();
      if (wait <= 0) writePending();
      else timer = setTimeout(writePending, wait);
    },
    async flush() {
      if (timer) clearTimeout(timer);
      writePending();
      await chain;
    },
  };
}
