import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  createTemplateAction,
  TemplateExample,
} from '@backstage/plugin-scaffolder-node';
import type { RemoveMode } from '@cos-auditd/backstage-plugin-cos-auditd-common';
import yaml from 'yaml';
import { parseClusterRef } from './clusterRef';
import { ConflictRetryOptions, CosAuditdApi } from './CosAuditdApi';

/** The action id. @public */
export const DISABLE_ACTION_ID = 'cos-auditd:disable';

const REMOVE_MODES: [RemoveMode, RemoveMode] = ['disable', 'stop-shipping'];

const examples: TemplateExample[] = [
  {
    description:
      'Turn audit logging off on every node (runs the disable DaemonSet).',
    example: yaml.stringify({
      steps: [
        {
          id: 'disable',
          name: 'Disable audit logging',
          action: DISABLE_ACTION_ID,
          input: { entityRef: '${{ parameters.cluster }}' },
        },
      ],
    }),
  },
  {
    description:
      'Only stop shipping records; nodes stay locked until they are recreated with the steps in the output.',
    example: yaml.stringify({
      steps: [
        {
          id: 'stop',
          name: 'Stop shipping audit records',
          action: DISABLE_ACTION_ID,
          input: {
            entityRef: 'resource:default/demo-gke-prod',
            mode: 'stop-shipping',
          },
        },
      ],
    }),
  },
];

/**
 * `cos-auditd:disable`: removes Linux audit logging from a GKE cluster
 * through the cos-auditd backend's `POST .../remove`, as the user who runs
 * the template.
 *
 * @public
 */
export function createCosAuditdDisableAction(options: {
  discovery: DiscoveryService;
  auth: AuthService;
  conflictRetry?: ConflictRetryOptions;
}) {
  const api = new CosAuditdApi(options);
  return createTemplateAction({
    id: DISABLE_ACTION_ID,
    description:
      'Removes Linux audit logging (cos-auditd) from a GKE cluster from the catalog through the cos-auditd backend, as the user running the template, and reports each node. A cluster with nothing installed succeeds without an operation.',
    examples,
    schema: {
      input: {
        entityRef: z =>
          z
            .string()
            .describe(
              'The cluster: a Resource entity of type kubernetes-cluster, e.g. resource:default/demo-gke-prod (kind resource and namespace default may be left out)',
            ),
        mode: z =>
          z
            .enum(REMOVE_MODES)
            .optional()
            .describe(
              'disable (default): delete the logging agent and run the disable DaemonSet, so audit logging is off on each node it can reach. stop-shipping: only delete; every node stays locked until it is recreated.',
            ),
      },
      output: {
        operationId: z =>
          z
            .string()
            .optional()
            .describe(
              'The id of the stored cos-auditd operation; absent when nothing was installed, so nothing was removed',
            ),
        nodes: z =>
          z
            .array(
              z.object({
                node: z.string(),
                pool: z.string(),
                outcome: z.string(),
                message: z.string().optional(),
              }),
            )
            .describe(
              "Each COS node's outcome: disabled, locked (until recreated) or unknown",
            ),
        recreation: z =>
          z
            .array(
              z.object({
                pool: z.string(),
                nodes: z.array(z.string()),
                instanceGroups: z.array(
                  z.object({ name: z.string(), zone: z.string() }),
                ),
                steps: z.array(z.string()),
              }),
            )
            .optional()
            .describe(
              'Per node pool with locked nodes: the rolling recreation commands, to run in order; absent when no node is locked',
            ),
      },
    },
    async handler(ctx) {
      const cluster = parseClusterRef(ctx.input.entityRef);
      const mode = ctx.input.mode ?? 'disable';
      if (!REMOVE_MODES.includes(mode)) {
        throw new InputError(
          `mode must be one of ${REMOVE_MODES.join(', ')}, not ${JSON.stringify(
            mode,
          )}`,
        );
      }
      const context = {
        credentials: await ctx.getInitiatorCredentials(),
        logger: ctx.logger,
        signal: ctx.signal,
      };
      ctx.logger.info(
        mode === 'disable'
          ? `Disabling audit logging on ${cluster.entityRef}: deleting the logging agent and running the disable DaemonSet on each COS node`
          : `Stopping audit shipping on ${cluster.entityRef}: deleting the logging agent; nodes stay locked until recreated`,
      );

      // The backend's remove answers 502 on a cluster without the
      // cos-auditd namespace (the disable DaemonSet cannot be created
      // there), and stop-shipping would report every node as locked. So a
      // cluster with nothing of cos-auditd on it is left alone.
      // When the status cannot be read (say the policy allows removing but
      // not reading), the remove itself decides.
      const before = await api.status(cluster, context).catch(error => {
        ctx.logger.warn(
          `Could not read the cluster status before removing, removing anyway: ${
            (error as Error).message
          }`,
        );
        return undefined;
      });
      if (before && before.daemonSet === null && before.agent === null) {
        ctx.logger.info(
          `Nothing of cos-auditd is installed on ${cluster.entityRef} (phase ${before.phase}: ${before.message}); nothing to remove`,
        );
        ctx.output('nodes', []);
        return;
      }

      const result = await api.remove(cluster, { mode }, context);

      for (const message of result.operation.messages) {
        ctx.logger.info(message);
      }
      for (const node of result.nodes) {
        ctx.logger.info(
          `Node ${node.node} (${node.pool}): ${node.outcome}${
            node.message ? ` (${node.message})` : ''
          }`,
        );
      }
      for (const plan of result.recreation) {
        ctx.logger.warn(
          `Node pool ${plan.pool}: ${
            plan.nodes.length
          } nodes stay locked until recreated; run in order:\n${plan.steps.join(
            '\n',
          )}`,
        );
      }
      ctx.logger.info(
        `Operation ${result.operation.id} ${result.operation.outcome}`,
      );

      ctx.output('operationId', result.operation.id);
      ctx.output(
        'nodes',
        result.nodes.map(n => ({
          node: n.node,
          pool: n.pool,
          outcome: n.outcome,
          ...(n.message ? { message: n.message } : {}),
        })),
      );
      if (result.recreation.length > 0) {
        ctx.output(
          'recreation',
          result.recreation.map(p => ({
            pool: p.pool,
            nodes: p.nodes,
            instanceGroups: p.instanceGroups.map(g => ({
              name: g.name,
              zone: g.zone,
            })),
            steps: p.steps,
          })),
        );
      }
    },
  });
}
