/**
 * Types, permissions and validation shared by the cos-auditd frontend and
 * backend plugins.
 *
 * @packageDocumentation
 */
export * from './annotations';
export * from './api';
export * from './filters';
export * from './permissions';
