/**
 * Types, permissions and validation shared by the cos-auditd frontend and
 * backend plugins.
 *
 * @packageDocumentation
 */
export * from './annotations';
