// Test support only; not exported by the cluster folder's index.
export * from './testClusters';
export * from './cosAuditdObjects';
