import type { Agent as HttpAgent } from 'node:http';
import type { Agent as HttpsAgent } from 'node:https';
import {
  Configuration,
  createConfiguration,
  RequestContext,
  ResponseContext,
  ServerConfiguration,
} from '@kubernetes/client-node';

/**
 * The client library's configuration for one cluster: every request it
 * builds, typed or through `KubernetesObjectApi`, goes to `url` over the
 * given agent, carries a fresh bearer token and is aborted after
 * `timeoutMs`.
 */
export function clusterConfiguration(options: {
  url: string;
  agent: HttpAgent | HttpsAgent;
  bearerToken: () => Promise<string>;
  timeoutMs: number;
}): Configuration {
  const { agent, bearerToken, timeoutMs } = options;
  return createConfiguration({
    baseServer: new ServerConfiguration(options.url.replace(/\/+$/, ''), {}),
    authMethods: {
      default: {
        getName: () => 'cos-auditd cluster credentials',
        // Applied to every request the library builds. Setting the agent
        // here, rather than letting a KubeConfig do it, is what lets
        // requests share one connection pool instead of a new agent each.
        async applySecurityAuthentication(context: RequestContext) {
          context.setAgent(agent);
          context.setHeaderParam(
            'Authorization',
            `Bearer ${await bearerToken()}`,
          );
        },
      },
    },
    // The library has no timeout option; an abort signal per request is the
    // way, and only configuration middleware reaches KubernetesObjectApi.
    promiseMiddleware: [
      {
        async pre(context: RequestContext) {
          context.setSignal(AbortSignal.timeout(timeoutMs));
          return context;
        },
        async post(context: ResponseContext) {
          return context;
        },
      },
    ],
  });
}
