import ipaddr from 'ipaddr.js';

// Address ranges a portal must not be pointed at by a catalog entry: the
// backend's own host and internal networks (the Kubernetes plugin refuses
// them for the same reason, server-side request forgery).
const NON_PUBLIC_RANGES = new Set([
  'unspecified',
  'loopback',
  'private',
  'linkLocal',
  'uniqueLocal',
  'carrierGradeNat',
  'reserved',
]);

/**
 * Why a cluster API server URL is refused, or undefined when it is
 * allowed: HTTPS on a public address, or an origin listed in
 * `cosAuditd.dangerouslyAllowClusterUrls`. Host names are judged by name
 * (`localhost`, `*.internal`); they are not resolved.
 */
export function clusterUrlProblem(
  url: string,
  allowedOrigins: ReadonlySet<string>,
): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `"${url}" is not a URL`;
  }
  if (allowedOrigins.has(parsed.origin)) {
    return undefined;
  }
  const exemption = `; list it in cosAuditd.dangerouslyAllowClusterUrls to allow it`;
  if (parsed.protocol !== 'https:') {
    return `${parsed.origin} is not HTTPS${exemption}`;
  }
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  if (ipaddr.isValid(host)) {
    const address = ipaddr.process(host);
    if (NON_PUBLIC_RANGES.has(address.range())) {
      return `${parsed.origin} is a ${address.range()} address${exemption}`;
    }
  } else if (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host.endsWith('.internal') ||
    host.endsWith('.local')
  ) {
    return `${parsed.origin} is not a public host name${exemption}`;
  }
  return undefined;
}
