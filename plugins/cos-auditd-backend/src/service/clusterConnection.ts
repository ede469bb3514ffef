import { AuthenticationError } from '@backstage/errors';
import { ClusterTarget } from '../clusters';
import { CosAuditdConfig } from '../config';
import { ClusterConnection } from '../kube';

/** A misconfigured portal, not a bad request: the operator must add config. */
export class ClusterCredentialsMissingError extends Error {
  name = 'ClusterCredentialsMissingError';
}

/**
 * How to reach a cluster: its URL and CA from the catalog, its credentials
 * from app-config or from the signed-in user (never from the catalog).
 */
export function clusterConnection(
  target: ClusterTarget,
  config: CosAuditdConfig,
  options: { googleAccessToken?: string },
): ClusterConnection {
  const settings = config.clusters.get(target.entityRef);
  const base = {
    entityRef: target.entityRef,
    url: target.url,
    caData: target.caData,
    skipTLSVerify: settings?.skipTLSVerify,
  };
  switch (target.authProvider) {
    case 'serviceAccount': {
      const token = settings?.serviceAccountToken;
      if (!token) {
        throw new ClusterCredentialsMissingError(
          `${target.entityRef} uses the serviceAccount auth provider, but cosAuditd.clusters has no serviceAccountToken for it`,
        );
      }
      return { ...base, auth: { provider: 'serviceAccount', token } };
    }
    case 'googleServiceAccount':
      return { ...base, auth: { provider: 'googleServiceAccount' } };
    case 'google':
      if (!options.googleAccessToken) {
        throw new AuthenticationError(
          `${target.entityRef} uses the google auth provider: the request must carry your Google access token in the x-cos-auditd-google-token header (the portal sends it once you sign in with Google)`,
        );
      }
      return {
        ...base,
        auth: { provider: 'google', accessToken: options.googleAccessToken },
      };
    default:
      throw new Error(`Unknown auth provider ${String(target.authProvider)}`);
  }
}
