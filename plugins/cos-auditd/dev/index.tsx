import { Entity } from '@backstage/catalog-model';
import { createDevApp } from '@backstage/dev-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { EntityCosAuditdContent, cosAuditdPlugin } from '../src/plugin';

// The demo's production cluster as the catalog holds it (examples/clusters.yaml).
const demoCluster: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'demo-gke-prod',
    namespace: 'default',
    title: 'Demo GKE prod',
    annotations: {
      'kubernetes.io/api-server': 'http://127.0.0.1:16443',
      'kubernetes.io/auth-provider': 'serviceAccount',
      'cos-auditd.io/gcp-project': 'demo-project',
      'cos-auditd.io/gke-location': 'europe-west1',
    },
  },
  spec: {
    type: 'kubernetes-cluster',
    owner: 'group:default/platform-security',
  },
};

// A development app with just this plugin's tab: `yarn start` in this
// folder, with the backend (`yarn workspace backend start`) and the simulated
// GKE (`yarn sim`) running.
createDevApp()
  .registerPlugin(cosAuditdPlugin)
  .addPage({
    path: '/audit-logging',
    title: 'Audit logging',
    element: (
      <EntityProvider entity={demoCluster}>
        <EntityCosAuditdContent />
      </EntityProvider>
    ),
  })
  .render();
