// The simulator backend (./actionsTestBackend) is imported on its own by the
// tests that need it, so the unit tests do not load the backend plugin.
export { actionContext } from './actionContext';
export { errorBody, mockFetch } from './fetchMock';
export type { MockAnswer } from './fetchMock';
