import { clusterUrlProblem } from './clusterUrlPolicy';

describe('clusterUrlProblem', () => {
  const allowed = new Set(['http://127.0.0.1:16443']);

  it.each([
    'https://34.78.1.20',
    'https://gke.example.com:443',
    'https://[2001:4860:4860::8888]',
    'http://127.0.0.1:16443/',
  ])('allows %s', url => {
    expect(clusterUrlProblem(url, allowed)).toBeUndefined();
  });

  it.each([
    ['http://34.78.1.20', /is not HTTPS/],
    ['http://127.0.0.1:16444', /is not HTTPS/],
    ['https://127.0.0.1', /loopback/],
    ['https://10.0.0.4', /private/],
    ['https://192.168.1.1:6443', /private/],
    ['https://169.254.169.254', /linkLocal/],
    ['https://[::1]', /loopback/],
    ['https://[fd00::1]', /uniqueLocal/],
    ['https://0.0.0.0', /unspecified/],
    ['https://localhost:6443', /not a public host name/],
    ['https://metadata.google.internal', /not a public host name/],
    ['not a url', /is not a URL/],
  ])('refuses %s', (url, problem) => {
    const message = clusterUrlProblem(url, allowed);
    expect(message).toMatch(problem);
  });

  it('says how to allow a refused URL', () => {
    expect(clusterUrlProblem('https://10.0.0.4', allowed)).toContain(
      'cosAuditd.dangerouslyAllowClusterUrls',
    );
  });
});
