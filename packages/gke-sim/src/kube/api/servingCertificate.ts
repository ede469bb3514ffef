import { generate } from 'selfsigned';

/**
 * A self-signed certificate for 127.0.0.1 and localhost that is its own CA,
 * so clients trust the API server by trusting this one PEM.
 */
export async function createServingCertificate(): Promise<{
  cert: string;
  key: string;
}> {
  const notBeforeDate = new Date(Date.now() - 60 * 60 * 1000);
  const pems = await generate([{ name: 'commonName', value: 'gke-sim' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate: new Date(notBeforeDate.getTime() + 365 * 24 * 60 * 60 * 1000),
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      {
        name: 'keyUsage',
        digitalSignature: true,
        keyEncipherment: true,
        keyCertSign: true,
        critical: true,
      },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  });
  return { cert: pems.cert, key: pems.private };
}
