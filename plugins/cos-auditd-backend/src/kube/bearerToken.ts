import { ServiceUnavailableError } from '@backstage/errors';
import { ClusterAuth } from './ClusterConnection';

/** Where the backend's own Google access tokens come from (ADC); `GoogleAuth` is one. */
export type GoogleAccessTokens = {
  getAccessToken(): Promise<string | null | undefined>;
};

/**
 * The bearer token for a cluster's next request. The backend's Google token
 * is asked for on every request, as it expires; the token source caches it.
 */
export function bearerToken(
  auth: ClusterAuth,
  options: {
    entityRef: string;
    timeoutMs: number;
    googleAuth: () => GoogleAccessTokens;
  },
): () => Promise<string> {
  switch (auth.provider) {
    case 'serviceAccount':
      return async () => auth.token;
    case 'google':
      return async () => auth.accessToken;
    case 'googleServiceAccount':
      return () => googleServiceAccountToken(options);
    default:
      throw new Error(
        `Unknown auth provider ${String(
          (auth as { provider: unknown }).provider,
        )}`,
      );
  }
}

async function googleServiceAccountToken(options: {
  entityRef: string;
  timeoutMs: number;
  googleAuth: () => GoogleAccessTokens;
}): Promise<string> {
  const problem = `Could not get a Google access token for ${options.entityRef} from the backend's Application Default Credentials`;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new ServiceUnavailableError(
            `${problem}: no answer within ${options.timeoutMs} ms.`,
          ),
        ),
      options.timeoutMs,
    );
  });
  try {
    const token = await Promise.race([
      options.googleAuth().getAccessToken(),
      timeout,
    ]);
    if (!token) {
      throw new ServiceUnavailableError(`${problem}: none was returned.`);
    }
    return token;
  } catch (error) {
    if (error instanceof ServiceUnavailableError) {
      throw error;
    }
    throw new ServiceUnavailableError(
      `${problem}: ${(error as Error)?.message ?? String(error)}`,
    );
  } finally {
    clearTimeout(timer);
  }
}
