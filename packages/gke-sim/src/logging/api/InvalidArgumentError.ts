/**
 * A request Cloud Logging would refuse with INVALID_ARGUMENT (a bad filter,
 * page size, page token or entry). The gRPC server maps it to that code.
 */
export class InvalidArgumentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidArgumentError';
  }
}
