import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  createTemplateAction,
  TemplateExample,
} from '@backstage/plugin-scaffolder-node';
import {
  FILTER_PRESET_DESCRIPTIONS,
  FILTER_PRESETS,
  FilterSpec,
  validateFilterSpec,
} from '@cos-auditd/backstage-plugin-cos-auditd-common';
import yaml from 'yaml';
import { parseClusterRef } from './clusterRef';
import { ConflictRetryOptions, CosAuditdApi } from './CosAuditdApi';

/** The action id. @public */
export const ENABLE_ACTION_ID = 'cos-auditd:enable';

const examples: TemplateExample[] = [
  {
    description:
      'Enable audit logging with the balanced preset on the cluster picked in the form.',
    example: yaml.stringify({
      steps: [
        {
          id: 'enable',
          name: 'Enable audit logging',
          action: ENABLE_ACTION_ID,
          input: {
            entityRef: '${{ parameters.cluster }}',
            filters: { preset: 'balanced' },
          },
        },
      ],
    }),
  },
  {
    description:
      'Preview what an apply would change (API server dry run), with extra exclusions and a throttle.',
    example: yaml.stringify({
      steps: [
        {
          id: 'preview',
          name: 'Preview audit logging',
          action: ENABLE_ACTION_ID,
          input: {
            entityRef: 'resource:default/demo-gke-prod',
            filters: {
              preset: 'exec-and-login',
              excludeExecutables: ['/usr/bin/containerd-shim'],
              throttle: { rate: 500, window: 5, interval: '1s' },
            },
            dryRun: true,
          },
        },
      ],
    }),
  },
  {
    description:
      'Re-apply with the filters already live on the cluster (no filters given).',
    example: yaml.stringify({
      steps: [
        {
          id: 'reapply',
          name: 'Re-apply audit logging',
          action: ENABLE_ACTION_ID,
          input: { entityRef: 'demo-gke-prod' },
        },
      ],
    }),
  },
];

/**
 * `cos-auditd:enable`: turns Linux audit logging on (or changes its filters)
 * on a GKE cluster through the cos-auditd backend's `POST .../apply`, as
 * the user who runs the template.
 *
 * @public
 */
export function createCosAuditdEnableAction(options: {
  discovery: DiscoveryService;
  auth: AuthService;
  conflictRetry?: ConflictRetryOptions;
}) {
  const api = new CosAuditdApi(options);
  return createTemplateAction({
    id: ENABLE_ACTION_ID,
    description:
      'Enables Linux audit logging (cos-auditd) on a GKE cluster from the catalog, or changes its filters, through the cos-auditd backend as the user running the template. Re-running with the same filters changes nothing.',
    examples,
    // The scaffolder's own dry run (template editor) becomes an API server
    // dry run: it reports the changes and changes nothing.
    supportsDryRun: true,
    schema: {
      input: {
        entityRef: z =>
          z
            .string()
            .describe(
              'The cluster: a Resource entity of type kubernetes-cluster, e.g. resource:default/demo-gke-prod (kind resource and namespace default may be left out)',
            ),
        filters: z =>
          z
            .object({
              preset: z
                .enum(FILTER_PRESETS as unknown as [string, ...string[]])
                .optional()
                .describe(
                  FILTER_PRESETS.map(
                    p => `${p}: ${FILTER_PRESET_DESCRIPTIONS[p]}`,
                  ).join(' '),
                ),
              excludeRecordTypes: z
                .array(z.string())
                .optional()
                .describe('Audit record types to drop, e.g. PROCTITLE'),
              excludeSyscalls: z
                .array(z.string())
                .optional()
                .describe('Syscall names whose records are dropped, e.g. mmap'),
              excludeExecutables: z
                .array(z.string())
                .optional()
                .describe(
                  'Absolute paths of executables whose SYSCALL records are dropped',
                ),
              throttle: z
                .object({
                  rate: z.number().int(),
                  window: z.number().int(),
                  interval: z.string(),
                })
                .optional()
                .describe(
                  'At most rate records per interval (like 1s), averaged over window intervals',
                ),
            })
            .passthrough()
            .optional()
            .describe(
              'The FilterSpec to apply. Without it the filters this plugin applied before are kept, else the balanced preset.',
            ),
        dryRun: z =>
          z
            .boolean()
            .optional()
            .describe(
              "Use the API server's dry run: report what would change and change nothing",
            ),
      },
      output: {
        operationId: z =>
          z.string().describe('The id of the stored cos-auditd operation'),
        phase: z =>
          z
            .string()
            .optional()
            .describe(
              'The rollout phase that GET .../status reports right after the apply (rolling-out or active, usually); absent when the status could not be read',
            ),
        changes: z =>
          z
            .array(
              z.object({
                kind: z.string(),
                name: z.string(),
                namespace: z.string().optional(),
                action: z.string(),
              }),
            )
            .describe(
              'What happened to each object: created, configured, unchanged or deleted',
            ),
      },
    },
    async handler(ctx) {
      const cluster = parseClusterRef(ctx.input.entityRef);
      let filters: FilterSpec | undefined;
      if (ctx.input.filters !== undefined && ctx.input.filters !== null) {
        const validation = validateFilterSpec(ctx.input.filters);
        if (!validation.valid) {
          throw new InputError(
            `filters is not a valid cos-auditd FilterSpec: ${validation.problems.join(
              '; ',
            )}`,
          );
        }
        filters = validation.spec;
      }
      if (
        ctx.input.dryRun !== undefined &&
        typeof ctx.input.dryRun !== 'boolean'
      ) {
        throw new InputError('dryRun must be true or false');
      }
      const dryRun = ctx.input.dryRun ?? ctx.isDryRun ?? false;

      const context = {
        credentials: await ctx.getInitiatorCredentials(),
        logger: ctx.logger,
        signal: ctx.signal,
      };
      ctx.logger.info(
        `${dryRun ? 'Previewing (dry run)' : 'Enabling'} audit logging on ${
          cluster.entityRef
        } with ${
          filters
            ? `filters ${JSON.stringify(filters)}`
            : 'the filters already applied (or the balanced preset)'
        }`,
      );
      const result = await api.apply(
        cluster,
        { ...(filters ? { filters } : {}), dryRun },
        context,
      );
      for (const change of result.changes) {
        ctx.logger.info(
          `${change.kind} ${change.namespace ? `${change.namespace}/` : ''}${
            change.name
          }: ${change.action}`,
        );
      }
      const unchanged = result.changes.every(c => c.action === 'unchanged');
      ctx.logger.info(
        `Operation ${result.operation.id} ${result.operation.outcome}${
          unchanged
            ? ': nothing to change, the cluster already had this spec'
            : ''
        }`,
      );

      let phase: string | undefined;
      try {
        const status = await api.status(cluster, context);
        phase = status.phase;
        ctx.logger.info(`Cluster phase: ${status.phase}. ${status.message}`);
      } catch (error) {
        ctx.logger.warn(
          `Audit logging was applied, but the cluster status could not be read: ${
            (error as Error).message
          }`,
        );
      }

      ctx.output('operationId', result.operation.id);
      if (phase !== undefined) {
        ctx.output('phase', phase);
      }
      ctx.output(
        'changes',
        result.changes.map(c => ({
          kind: c.kind,
          name: c.name,
          ...(c.namespace ? { namespace: c.namespace } : {}),
          action: c.action,
        })),
      );
    },
  });
}
