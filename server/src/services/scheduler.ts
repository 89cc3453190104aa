/**
 * Per-document debounce. A new change replaces the pending run; the run gets the version it was
 * scheduled for, and callers drop results whose version is no longer the document's current one.
 */
export class Scheduler {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly delayMs: number) {}

  schedule(uri: string, run: () => void, immediate = false): void {
    this.cancel(uri);
    const t = setTimeout(
      () => {
        this.timers.delete(uri);
        run();
      },
      immediate ? 0 : this.delayMs,
    );
    this.timers.set(uri, t);
  }

  cancel(uri: string): void {
    const t = this.timers.get(uri);
    if (t) clearTimeout(t);
    this.timers.delete(uri);
  }

  pending(uri: string): boolean {
    return this.timers.has(uri);
  }
}
