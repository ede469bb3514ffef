import type { RemoveMode } from '@cos-auditd/backstage-plugin-cos-auditd-common';

/** One way of removing audit logging, as the Disable dialog offers it. @public */
export type RemoveModeChoice = {
  mode: RemoveMode;
  /** The choice's name in the dialog. */
  label: string;
  /** What it does and what it leaves behind, in one or two sentences. */
  description: string;
  /** The dialog's confirm button while this choice is selected. */
  confirmLabel: string;
  /** Shown while the removal runs. */
  pendingMessage: string;
};

/**
 * The two ways of removing audit logging from a cluster, the default first.
 *
 * @public
 */
export const REMOVE_MODE_CHOICES: ReadonlyArray<RemoveModeChoice> = [
  {
    mode: 'disable',
    label: 'Turn audit logging off on every node',
    description:
      'Deletes the logging agent and its configuration, then runs a pod on each node that turns audit logging off. Nodes whose audit configuration is locked stay audited until they are recreated; the steps to recreate them are shown afterwards.',
    confirmLabel: 'Disable',
    pendingMessage:
      'Disabling node by node; this can take a few minutes. The rollout card shows each node as it finishes.',
  },
  {
    mode: 'stop-shipping',
    label: 'Stop shipping records only',
    description:
      'Deletes the logging agent and its configuration only: records are no longer shipped, but every covered node stays locked, still auditing, until it is recreated; the steps to recreate them are shown afterwards.',
    confirmLabel: 'Stop shipping',
    pendingMessage:
      'Deleting the logging agent and its configuration; this can take a minute.',
  },
];

/** The mode a removal uses unless the user picks another. @public */
export const DEFAULT_REMOVE_MODE: RemoveMode = 'disable';
