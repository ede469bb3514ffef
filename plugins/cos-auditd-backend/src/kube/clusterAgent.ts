import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { ClusterConnection } from './ClusterConnection';

/**
 * A keep-alive connection pool for one API server and TLS setting. Plain
 * HTTP is only possible for URLs the cluster URL policy lets through
 * (`dangerouslyAllowClusterUrls`, the simulator on loopback).
 */
export function createClusterAgent(
  connection: Pick<ClusterConnection, 'url' | 'caData' | 'skipTLSVerify'>,
): HttpAgent | HttpsAgent {
  if (new URL(connection.url).protocol === 'http:') {
    return new HttpAgent({ keepAlive: true });
  }
  return new HttpsAgent({
    keepAlive: true,
    // Like a kubeconfig's certificate-authority-data: this CA only, not the public roots.
    ...(connection.caData
      ? { ca: Buffer.from(connection.caData, 'base64') }
      : {}),
    rejectUnauthorized: !connection.skipTLSVerify,
  });
}

/** What tells two connections' pools apart: server and TLS settings, never credentials. */
export function clusterAgentKey(
  connection: Pick<ClusterConnection, 'url' | 'caData' | 'skipTLSVerify'>,
): string {
  return JSON.stringify([
    new URL(connection.url).origin,
    connection.caData ?? '',
    Boolean(connection.skipTLSVerify),
  ]);
}
