/**
 * A filter the simulator does not understand. The gRPC server answers it with
 * INVALID_ARGUMENT, as Cloud Logging does, so a bad filter from the backend
 * fails loudly instead of matching nothing.
 */
export class FilterSyntaxError extends Error {
  /** Zero-based character offset of the problem in the filter. */
  readonly position: number;

  constructor(problem: string, position: number) {
    super(`Unparseable filter: ${problem} at position ${position + 1}`);
    this.name = 'FilterSyntaxError';
    this.position = position;
  }
}
