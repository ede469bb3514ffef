import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import {
  CLUSTER_ANNOTATIONS,
  KUBERNETES_ANNOTATIONS,
  KUBERNETES_CLUSTER_RESOURCE_TYPE,
} from '@cos-auditd/backstage-plugin-cos-auditd-common';
import { Entity } from '@backstage/catalog-model';
import { resolve } from 'node:path';
import request from 'supertest';

const examples = resolve(__dirname, '../../../examples');

async function waitForClusters(server: any): Promise<Entity[]> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const response = await request(server)
      .get('/api/catalog/entities/by-query')
      .query({
        filter: `kind=resource,spec.type=${KUBERNETES_CLUSTER_RESOURCE_TYPE}`,
      });
    if (response.body.items?.length === 3) {
      return response.body.items;
    }
    await new Promise(r => setTimeout(r, 200));
  }
  throw new Error('the catalog never listed the three demo clusters');
}

describe('demo catalog', () => {
  it('lists the three simulated GKE clusters with their cos-auditd annotations', async () => {
    const { server } = await startTestBackend({
      features: [
        catalogPlugin,
        mockServices.rootConfig.factory({
          data: {
            catalog: {
              processingInterval: { milliseconds: 100 },
              rules: [{ allow: ['Resource', 'Group', 'User', 'Location'] }],
              locations: [
                { type: 'file', target: `${examples}/clusters.yaml` },
                { type: 'file', target: `${examples}/org.yaml` },
              ],
            },
          },
        }),
      ],
    });

    const clusters = await waitForClusters(server);

    expect(clusters.map(c => c.metadata.name).sort()).toEqual([
      'demo-autopilot',
      'demo-gke-dev',
      'demo-gke-prod',
    ]);
    for (const cluster of clusters) {
      const annotations = cluster.metadata.annotations ?? {};
      expect(annotations[KUBERNETES_ANNOTATIONS.apiServer]).toMatch(
        /^http:\/\/127\.0\.0\.1:\d+$/,
      );
      expect(annotations[KUBERNETES_ANNOTATIONS.authProvider]).toBe(
        'serviceAccount',
      );
      expect(annotations[CLUSTER_ANNOTATIONS.gcpProject]).toBe('demo-project');
      expect(annotations[CLUSTER_ANNOTATIONS.gkeLocation]).toBeTruthy();
      expect(cluster.spec?.owner).toBe('group:default/platform-security');
    }
  });
});
