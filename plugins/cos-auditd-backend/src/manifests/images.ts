/**
 * The container images the plugin deploys. Configurable so a company can
 * pull them from its own registry, pinned by default so an apply never
 * changes what runs on the nodes behind the user's back.
 */
export type AuditdImages = {
  /** Runs `chroot /host systemctl start cloud-audit-setup` in the init container. */
  setup: string;
  /** The log agent (fluent-bit). */
  agent: string;
  /** Runs the disable script in the disable DaemonSet's init container. */
  disable: string;
  /** Keeps the disable DaemonSet's pods alive after their init container ran. */
  pause: string;
};

/** Pinned images, never `latest`. */
export const DEFAULT_IMAGES: AuditdImages = {
  setup: 'ubuntu:24.04',
  agent: 'fluent/fluent-bit:3.2.10',
  disable: 'ubuntu:24.04',
  pause: 'registry.k8s.io/pause:3.10',
};
