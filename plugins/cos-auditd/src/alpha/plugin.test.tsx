import { useApi, fetchApiRef } from '@backstage/frontend-plugin-api';
import { renderInTestApp } from '@backstage/frontend-test-utils';
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
});
