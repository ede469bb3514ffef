// The simulator's integration tests wait for rollouts and servers; on a busy
// two-core CI machine that can take longer than Jest's default 5 s.
jest.setTimeout(30_000);

export {};
