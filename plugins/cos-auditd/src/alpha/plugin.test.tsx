import { useApi, fetchApiRef } from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { screen } from '@testing-library/react';
import { useEffect, useState } from 'react';
import { cosAuditdApiRef } from '../api';
import { cosAuditdPlugin } from './plugin';

function BackendHealth() {
  const api = useApi(cosAuditdApiRef);
  const [status, setStatus] = useState('checking');
  useEffect(() => {
    api.getHealth().then(health => setStatus(health.status));
  }, [api]);
  return <span>backend: {status}</span>;
}

describe('cosAuditdPlugin (new frontend system)', () => {
  it('installs a cos-auditd API that reaches the backend through the fetch API', async () => {
    const fetch = jest.fn(async (_input: RequestInfo | URL) =>
      Response.json({ status: 'ok' }),
    );

    await renderInTestApp(<BackendHealth />, {
      features: [cosAuditdPlugin],
      apis: [[fetchApiRef, { fetch }]],
    });

    expect(await screen.findByText('backend: ok')).toBeInTheDocument();
    expect(fetch).toHaveBeenCalledWith(
      expect.stringMatching(/\/api\/cos-auditd\/health$/),
    );
  });

  it('adds the Audit logging tab to cos-auditd clusters only', () => {
    const tester = createExtensionTester(
      cosAuditdPlugin.getExtension('entity-content:cos-auditd/audit-logging'),
    );
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe(
      'Audit logging',
    );
    const showsTab = tester.get(
      EntityContentBlueprint.dataRefs.filterFunction,
    )!;
    const cluster: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: 'demo-gke-prod',
        annotations: {
          'kubernetes.io/api-server': 'https://127.0.0.1:16443',
          'cos-auditd.io/gcp-project': 'demo-project',
        },
      },
      spec: { type: 'kubernetes-cluster' },
    };
    const user: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'User',
      metadata: { name: 'guest' },
      spec: {},
    };
    expect(showsTab(cluster)).toBe(true);
    expect(showsTab(user)).toBe(false);
  });
});
