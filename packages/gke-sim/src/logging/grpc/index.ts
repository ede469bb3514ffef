export { startLoggingServer } from './startLoggingServer';
export type { LoggingServer, LoggingServerOptions } from './startLoggingServer';
export { jsonToStruct, structToJson } from './struct';
export type { WireStruct, WireValue } from './struct';
