// Failures of the command side that are not domain rules: the stream kept changing under
// us (bounded retries exhausted), or the command targets a stream that does not exist.
export class ConcurrencyConflict extends Error {
  readonly code = 'CONCURRENCY_CONFLICT';
  constructor(
    readonly stream: string,
    readonly attempts: number,
  ) {
    super(`Stream ${stream} kept changing; gave up after ${attempts} attempts`);
    this.name = 'ConcurrencyConflict';
  }
}
