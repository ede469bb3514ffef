export { ObjectStore, objectKey } from './ObjectStore';
export type { StoreEvent, StoreListener } from './ObjectStore';
