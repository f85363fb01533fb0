// The running process's job runner, if it has one: code that enqueues work wakes it so the job starts at once
// rather than at the next poll. Kept apart from the runner so that enqueueing code does not import the handlers.
declare global {
  // eslint-disable-next-line no-var
  var __retractJobRunner: { wake(): void } | undefined;
}

export function wakeJobs() {
  const runner = globalThis.__retractJobRunner;
  if (runner) setImmediate(() => runner.wake());
}
