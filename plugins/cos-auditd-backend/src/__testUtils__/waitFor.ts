import { mockCredentials } from '@backstage/backend-test-utils';
import type { ClusterStatus } from '@cos-auditd/backstage-plugin-cos-auditd-common';
import request from 'supertest';

/** Polls `GET .../status` until `accept` holds; fails with the last status after `timeoutMs`. */
export async function waitForStatus(
  api: () => ReturnType<typeof request>,
  cluster: string,
  accept: (status: ClusterStatus) => boolean,
  timeoutMs = 20_000,
): Promise<ClusterStatus> {
  const deadline = Date.now() + timeoutMs;
  let last: ClusterStatus | undefined;
  while (Date.now() < deadline) {
    const response = await api()
      .get(`/api/cos-auditd/clusters/default/${cluster}/status`)
      .set('Authorization', mockCredentials.user.header());
    if (response.status !== 200) {
      throw new Error(
        `status answered ${response.status}: ${JSON.stringify(response.body)}`,
      );
    }
    last = response.body as ClusterStatus;
    if (accept(last)) {
      return last;
    }
    await new Promise(resolve => setTimeout(resolve, 50));
  }
  throw new Error(
    `status did not settle within ${timeoutMs} ms; last: ${JSON.stringify({
      phase: last?.phase,
      message: last?.message,
      daemonSet: last?.daemonSet,
    })}`,
  );
}
