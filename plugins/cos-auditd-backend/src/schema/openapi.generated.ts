/* eslint-disable */
// Generated from openapi.yaml by `yarn workspace @cos-auditd/backstage-plugin-cos-auditd-backend generate:openapi`. Do not edit.
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';

export const spec = {
  openapi: '3.0.3',
  info: {
    title: 'cos-auditd',
    version: '1',
    description:
      'Linux audit logging (auditd) on GKE Container-Optimized OS nodes, per catalog cluster entity: apply, update and remove the logging DaemonSet, follow its rollout per node, read the active filters, and read the operation history. Served by the Backstage backend under /api/cos-auditd.',
    license: {
      name: 'Apache-2.0',
      url: 'http://www.apache.org/licenses/LICENSE-2.0.html',
    },
  },
  servers: [
    {
      url: '/',
    },
  ],
  components: {
    parameters: {
      namespace: {
        name: 'namespace',
        in: 'path',
        required: true,
        description: "The cluster entity's namespace, e.g. `default`.",
        schema: {
          type: 'string',
          pattern: '^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$',
        },
      },
      name: {
        name: 'name',
        in: 'path',
        required: true,
        description: "The cluster entity's name, e.g. `demo-gke-prod`.",
        schema: {
          type: 'string',
          pattern: '^[a-zA-Z0-9]([-_.a-zA-Z0-9]{0,61}[a-zA-Z0-9])?$',
        },
      },
      googleToken: {
        name: 'x-cos-auditd-google-token',
        in: 'header',
        required: false,
        description:
          "The signed-in user's Google OAuth access token, for clusters whose `kubernetes.io/auth-provider` is `google`: the cluster then applies GKE RBAC to that user. Never logged or stored.",
        schema: {
          type: 'string',
          maxLength: 4096,
        },
      },
    },
    responses: {
      ErrorResponse: {
        description: "An error, as Backstage's error handler writes it.",
        content: {
          'application/json': {
            schema: {
              $ref: '#/components/schemas/Error',
            },
          },
        },
      },
    },
    schemas: {
      Error: {
        type: 'object',
        required: ['error', 'response'],
        properties: {
          error: {
            type: 'object',
            required: ['name', 'message'],
            properties: {
              name: {
                type: 'string',
              },
              message: {
                type: 'string',
              },
            },
          },
          request: {
            type: 'object',
            properties: {
              method: {
                type: 'string',
              },
              url: {
                type: 'string',
              },
            },
          },
          response: {
            type: 'object',
            required: ['statusCode'],
            properties: {
              statusCode: {
                type: 'integer',
              },
            },
          },
        },
      },
      RolloutPhase: {
        type: 'string',
        enum: [
          'not-installed',
          'rolling-out',
          'active',
          'degraded',
          'disabling',
          'disabled',
          'removed-pending-node-recreation',
          'unsupported',
          'unreachable',
        ],
      },
      AgentKind: {
        type: 'string',
        nullable: true,
        enum: ['fluent-bit', 'fluentd-legacy', null],
      },
      FilterSpec: {
        type: 'object',
        additionalProperties: false,
        description:
          "The agent's filters. Values are checked against closed lists and strict patterns (see the -common package's validateFilterSpec), so none can reach the agent's configuration as free text.",
        properties: {
          preset: {
            type: 'string',
            enum: ['full', 'balanced', 'exec-and-login'],
          },
          excludeRecordTypes: {
            type: 'array',
            maxItems: 64,
            items: {
              type: 'string',
              pattern: '^[A-Z][A-Z_]{1,31}$',
            },
          },
          excludeSyscalls: {
            type: 'array',
            maxItems: 64,
            items: {
              type: 'string',
              pattern: '^[a-z0-9_]{1,32}$',
            },
          },
          excludeExecutables: {
            type: 'array',
            maxItems: 64,
            items: {
              type: 'string',
              maxLength: 256,
              pattern: '^(/[A-Za-z0-9._+@-]+)+$',
            },
          },
          throttle: {
            type: 'object',
            additionalProperties: false,
            required: ['rate', 'window', 'interval'],
            properties: {
              rate: {
                type: 'integer',
                minimum: 1,
                maximum: 1000000,
              },
              window: {
                type: 'integer',
                minimum: 1,
                maximum: 3600,
              },
              interval: {
                type: 'string',
                pattern: '^[1-9][0-9]{0,3}[smhd]$',
              },
            },
          },
        },
      },
      DaemonSetSummary: {
        type: 'object',
        required: [
          'name',
          'desired',
          'current',
          'ready',
          'updated',
          'available',
          'misscheduled',
          'generation',
          'observedGeneration',
        ],
        properties: {
          name: {
            type: 'string',
          },
          desired: {
            type: 'integer',
          },
          current: {
            type: 'integer',
          },
          ready: {
            type: 'integer',
          },
          updated: {
            type: 'integer',
          },
          available: {
            type: 'integer',
          },
          misscheduled: {
            type: 'integer',
          },
          generation: {
            type: 'integer',
          },
          observedGeneration: {
            type: 'integer',
          },
        },
      },
      NodeStatus: {
        type: 'object',
        required: ['name', 'pool', 'osImage', 'cos', 'covered'],
        properties: {
          name: {
            type: 'string',
          },
          pool: {
            type: 'string',
          },
          osImage: {
            type: 'string',
          },
          cos: {
            type: 'boolean',
          },
          covered: {
            type: 'boolean',
          },
          reason: {
            type: 'string',
          },
          pod: {
            type: 'object',
            required: ['name', 'phase', 'ready', 'restarts'],
            properties: {
              name: {
                type: 'string',
              },
              phase: {
                type: 'string',
              },
              ready: {
                type: 'boolean',
              },
              restarts: {
                type: 'integer',
              },
              reason: {
                type: 'string',
              },
            },
          },
        },
      },
      DriftItem: {
        type: 'object',
        required: ['kind', 'name', 'message'],
        properties: {
          kind: {
            type: 'string',
          },
          name: {
            type: 'string',
          },
          namespace: {
            type: 'string',
          },
          message: {
            type: 'string',
          },
        },
      },
      ClusterStatus: {
        type: 'object',
        required: [
          'entityRef',
          'phase',
          'message',
          'daemonSet',
          'nodes',
          'agent',
          'drift',
          'checkedAt',
        ],
        properties: {
          entityRef: {
            type: 'string',
          },
          phase: {
            $ref: '#/components/schemas/RolloutPhase',
          },
          message: {
            type: 'string',
          },
          daemonSet: {
            type: 'object',
            nullable: true,
            allOf: [
              {
                $ref: '#/components/schemas/DaemonSetSummary',
              },
            ],
          },
          nodes: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/NodeStatus',
            },
          },
          agent: {
            $ref: '#/components/schemas/AgentKind',
          },
          drift: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/DriftItem',
            },
          },
          checkedAt: {
            type: 'string',
            format: 'date-time',
          },
        },
      },
      Coverage: {
        type: 'object',
        required: ['covered', 'eligible', 'total'],
        properties: {
          covered: {
            type: 'integer',
          },
          eligible: {
            type: 'integer',
          },
          total: {
            type: 'integer',
          },
        },
      },
      OperationSummary: {
        type: 'object',
        required: [
          'id',
          'entityRef',
          'kind',
          'outcome',
          'startedAt',
          'finishedAt',
        ],
        properties: {
          id: {
            type: 'string',
          },
          entityRef: {
            type: 'string',
          },
          kind: {
            type: 'string',
            enum: ['apply', 'remove'],
          },
          outcome: {
            type: 'string',
            enum: ['running', 'succeeded', 'failed'],
          },
          startedAt: {
            type: 'string',
            format: 'date-time',
          },
          finishedAt: {
            type: 'string',
            format: 'date-time',
            nullable: true,
          },
        },
      },
      ClusterSummary: {
        type: 'object',
        required: [
          'entityRef',
          'phase',
          'message',
          'coverage',
          'lastOperation',
          'checkedAt',
        ],
        properties: {
          entityRef: {
            type: 'string',
          },
          title: {
            type: 'string',
          },
          phase: {
            $ref: '#/components/schemas/RolloutPhase',
          },
          message: {
            type: 'string',
          },
          coverage: {
            $ref: '#/components/schemas/Coverage',
          },
          lastOperation: {
            type: 'object',
            nullable: true,
            allOf: [
              {
                $ref: '#/components/schemas/OperationSummary',
              },
            ],
          },
          checkedAt: {
            type: 'string',
            format: 'date-time',
          },
        },
      },
      FilterSection: {
        type: 'object',
        required: ['kind', 'description', 'settings'],
        properties: {
          kind: {
            type: 'string',
          },
          description: {
            type: 'string',
          },
          settings: {
            type: 'array',
            items: {
              type: 'object',
              required: ['key', 'value'],
              properties: {
                key: {
                  type: 'string',
                },
                value: {
                  type: 'string',
                },
              },
            },
          },
        },
      },
      ActiveFilters: {
        type: 'object',
        required: ['entityRef', 'source', 'spec', 'sections', 'raw', 'notes'],
        properties: {
          entityRef: {
            type: 'string',
          },
          source: {
            $ref: '#/components/schemas/AgentKind',
          },
          spec: {
            type: 'object',
            nullable: true,
            allOf: [
              {
                $ref: '#/components/schemas/FilterSpec',
              },
            ],
          },
          sections: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/FilterSection',
            },
          },
          raw: {
            type: 'string',
            nullable: true,
          },
          notes: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
        },
      },
      ResourceChange: {
        type: 'object',
        required: ['kind', 'name', 'action'],
        properties: {
          kind: {
            type: 'string',
          },
          name: {
            type: 'string',
          },
          namespace: {
            type: 'string',
          },
          action: {
            type: 'string',
            enum: ['created', 'configured', 'unchanged', 'deleted', 'absent'],
          },
        },
      },
      NodeOutcome: {
        type: 'object',
        required: ['node', 'pool', 'outcome'],
        properties: {
          node: {
            type: 'string',
          },
          pool: {
            type: 'string',
          },
          outcome: {
            type: 'string',
            enum: ['disabled', 'locked', 'unknown'],
          },
          message: {
            type: 'string',
          },
        },
      },
      RecreationPlan: {
        type: 'object',
        required: ['pool', 'nodes', 'instanceGroups', 'steps'],
        properties: {
          pool: {
            type: 'string',
          },
          nodes: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          instanceGroups: {
            type: 'array',
            items: {
              type: 'object',
              required: ['name', 'zone'],
              properties: {
                name: {
                  type: 'string',
                },
                zone: {
                  type: 'string',
                },
              },
            },
          },
          steps: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
        },
      },
      AuditEvent: {
        type: 'object',
        description:
          'One event built from every record that shares a node and an audit serial. Fields after `records` belong to execve events (exe, argv, cwd, ppid, euid, tty, comm, success, exit) or login events (recordType, user, addr, hostname, terminal, result) or both.',
        required: ['id', 'type', 'time', 'serial', 'node', 'records'],
        properties: {
          id: {
            type: 'string',
          },
          type: {
            type: 'string',
            enum: ['execve', 'login'],
          },
          time: {
            type: 'string',
            format: 'date-time',
          },
          serial: {
            type: 'integer',
          },
          node: {
            type: 'string',
          },
          records: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          exe: {
            type: 'string',
            nullable: true,
          },
          argv: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          cwd: {
            type: 'string',
            nullable: true,
          },
          pid: {
            type: 'integer',
            nullable: true,
          },
          ppid: {
            type: 'integer',
            nullable: true,
          },
          uid: {
            type: 'integer',
            nullable: true,
          },
          auid: {
            type: 'integer',
            nullable: true,
          },
          euid: {
            type: 'integer',
            nullable: true,
          },
          tty: {
            type: 'string',
            nullable: true,
          },
          ses: {
            type: 'integer',
            nullable: true,
          },
          comm: {
            type: 'string',
            nullable: true,
          },
          success: {
            type: 'boolean',
            nullable: true,
          },
          exit: {
            type: 'integer',
            nullable: true,
          },
          recordType: {
            type: 'string',
          },
          user: {
            type: 'string',
            nullable: true,
          },
          addr: {
            type: 'string',
            nullable: true,
          },
          hostname: {
            type: 'string',
            nullable: true,
          },
          terminal: {
            type: 'string',
            nullable: true,
          },
          result: {
            type: 'string',
            enum: ['success', 'failed'],
          },
        },
      },
      AuditEventsPage: {
        type: 'object',
        required: ['items', 'logFilter', 'logsExplorerUrl', 'skippedRecords'],
        properties: {
          items: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/AuditEvent',
            },
          },
          nextPageToken: {
            type: 'string',
          },
          logFilter: {
            type: 'string',
            description: 'The Cloud Logging filter that found the events.',
          },
          logsExplorerUrl: {
            type: 'string',
            description: 'The same query in the Google Cloud console.',
          },
          skippedRecords: {
            type: 'integer',
            description: 'Records that could not be parsed and were left out.',
          },
        },
      },
      Operation: {
        allOf: [
          {
            $ref: '#/components/schemas/OperationSummary',
          },
          {
            type: 'object',
            required: [
              'actor',
              'dryRun',
              'spec',
              'mode',
              'changes',
              'nodes',
              'recreation',
              'messages',
              'error',
            ],
            properties: {
              actor: {
                type: 'string',
              },
              dryRun: {
                type: 'boolean',
              },
              spec: {
                type: 'object',
                nullable: true,
                allOf: [
                  {
                    $ref: '#/components/schemas/FilterSpec',
                  },
                ],
              },
              mode: {
                type: 'string',
                nullable: true,
                enum: ['disable', 'stop-shipping', null],
              },
              changes: {
                type: 'array',
                items: {
                  $ref: '#/components/schemas/ResourceChange',
                },
              },
              nodes: {
                type: 'array',
                items: {
                  $ref: '#/components/schemas/NodeOutcome',
                },
              },
              recreation: {
                type: 'array',
                items: {
                  $ref: '#/components/schemas/RecreationPlan',
                },
              },
              messages: {
                type: 'array',
                items: {
                  type: 'string',
                },
              },
              error: {
                type: 'object',
                nullable: true,
                required: ['name', 'message'],
                properties: {
                  name: {
                    type: 'string',
                  },
                  message: {
                    type: 'string',
                  },
                },
              },
            },
          },
        ],
      },
    },
  },
  paths: {
    '/health': {
      get: {
        operationId: 'GetHealth',
        description: 'Whether the plugin is up. Needs no credentials.',
        security: [],
        responses: {
          '200': {
            description: 'Up.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['status'],
                  properties: {
                    status: {
                      type: 'string',
                      enum: ['ok'],
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
    '/clusters': {
      get: {
        operationId: 'ListClusters',
        description:
          'Every kubernetes-cluster resource in the catalog that the caller may read, with its phase and coverage. A cluster that fails is reported in its own item (phase `unreachable`), never failing the list.',
        responses: {
          '200': {
            description: 'The clusters.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['items'],
                  properties: {
                    items: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/ClusterSummary',
                      },
                    },
                  },
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/clusters/{namespace}/{name}/status': {
      get: {
        operationId: 'GetClusterStatus',
        description: 'The rollout of audit logging on the cluster, per node.',
        parameters: [
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
          {
            $ref: '#/components/parameters/googleToken',
          },
        ],
        responses: {
          '200': {
            description: 'The status.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ClusterStatus',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/clusters/{namespace}/{name}/filters': {
      get: {
        operationId: 'GetActiveFilters',
        description:
          "The filters that are live in the cluster's agent ConfigMap, described.",
        parameters: [
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
          {
            $ref: '#/components/parameters/googleToken',
          },
        ],
        responses: {
          '200': {
            description: 'The active filters.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ActiveFilters',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/clusters/{namespace}/{name}/manifest': {
      get: {
        operationId: 'GetManifest',
        description:
          'The YAML an apply would send, for the given filters (by default the filters live in the cluster when this plugin applied them, else the `balanced` preset).',
        parameters: [
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
          {
            name: 'filters',
            in: 'query',
            required: false,
            description:
              'A FilterSpec as JSON, e.g. `{"preset":"exec-and-login"}`.',
            schema: {
              type: 'string',
              maxLength: 16384,
            },
          },
        ],
        responses: {
          '200': {
            description: 'Multi-document YAML in apply order.',
            content: {
              'application/yaml': {
                schema: {
                  type: 'string',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/clusters/{namespace}/{name}/apply': {
      post: {
        operationId: 'ApplyAuditLogging',
        description:
          "Enables audit logging or changes its filters, by server-side apply with one field manager. Re-applying the same spec changes nothing. A cluster running the legacy fluentd agent is migrated. `dryRun` uses the API server's dry run and changes nothing.",
        parameters: [
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
          {
            $ref: '#/components/parameters/googleToken',
          },
        ],
        requestBody: {
          required: false,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                additionalProperties: false,
                properties: {
                  filters: {
                    $ref: '#/components/schemas/FilterSpec',
                  },
                  dryRun: {
                    type: 'boolean',
                  },
                },
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'The stored operation and what changed per object.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['operation', 'changes'],
                  properties: {
                    operation: {
                      $ref: '#/components/schemas/Operation',
                    },
                    changes: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/ResourceChange',
                      },
                    },
                  },
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/clusters/{namespace}/{name}/remove': {
      post: {
        operationId: 'RemoveAuditLogging',
        description:
          "`disable` (default) deletes the logging DaemonSet and ConfigMap, runs the disable DaemonSet, reads each node's outcome, then deletes it and the namespace. `stop-shipping` only deletes, leaving every node's audit configuration locked until it is recreated. Locked nodes come with per-pool rolling recreation steps.",
        parameters: [
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
          {
            $ref: '#/components/parameters/googleToken',
          },
        ],
        requestBody: {
          required: false,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                additionalProperties: false,
                properties: {
                  mode: {
                    type: 'string',
                    enum: ['disable', 'stop-shipping'],
                  },
                },
              },
            },
          },
        },
        responses: {
          '200': {
            description:
              "The stored operation, each node's outcome and the recreation plans.",
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['operation', 'nodes', 'recreation'],
                  properties: {
                    operation: {
                      $ref: '#/components/schemas/Operation',
                    },
                    nodes: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/NodeOutcome',
                      },
                    },
                    recreation: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/RecreationPlan',
                      },
                    },
                  },
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/clusters/{namespace}/{name}/events': {
      get: {
        operationId: 'ListAuditEvents',
        description:
          "Recent execve or login events of the cluster's COS nodes, read from Cloud Logging (log `linux-auditd`) and grouped from their audit records, newest first. Needs the read-events permission: login events carry user names and addresses.",
        parameters: [
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
          {
            name: 'type',
            in: 'query',
            required: false,
            description: 'Which events; default `execve`.',
            schema: {
              type: 'string',
              enum: ['execve', 'login'],
            },
          },
          {
            name: 'since',
            in: 'query',
            required: false,
            description:
              'Start of the time range, ISO 8601; default an hour before `until`.',
            schema: {
              type: 'string',
              maxLength: 64,
            },
          },
          {
            name: 'until',
            in: 'query',
            required: false,
            description:
              'End of the time range, ISO 8601; default now. The range is at most 31 days.',
            schema: {
              type: 'string',
              maxLength: 64,
            },
          },
          {
            name: 'node',
            in: 'query',
            required: false,
            description: 'Only this node.',
            schema: {
              type: 'string',
              maxLength: 253,
            },
          },
          {
            name: 'user',
            in: 'query',
            required: false,
            description:
              'Only this user: for logins an account name or uid, for executions a numeric uid (login or real user id).',
            schema: {
              type: 'string',
              maxLength: 64,
            },
          },
          {
            name: 'q',
            in: 'query',
            required: false,
            description:
              'Text to search: for executions the executable and command name, for logins the whole record.',
            schema: {
              type: 'string',
              maxLength: 200,
            },
          },
          {
            name: 'pageSize',
            in: 'query',
            required: false,
            description: 'Events per page, 1 to 500; default 50.',
            schema: {
              type: 'integer',
              minimum: 1,
              maximum: 500,
            },
          },
          {
            name: 'pageToken',
            in: 'query',
            required: false,
            description:
              'The `nextPageToken` of the previous page, with the same other parameters.',
            schema: {
              type: 'string',
              maxLength: 4096,
            },
          },
        ],
        responses: {
          '200': {
            description:
              'A page of events, with the Logging query that found them.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/AuditEventsPage',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/operations': {
      get: {
        operationId: 'ListOperations',
        description: 'The stored apply and remove operations, newest first.',
        parameters: [
          {
            name: 'entityRef',
            in: 'query',
            required: false,
            description:
              "Only this cluster's, e.g. `resource:default/demo-gke-prod`.",
            schema: {
              type: 'string',
              maxLength: 512,
            },
          },
          {
            name: 'limit',
            in: 'query',
            required: false,
            schema: {
              type: 'integer',
              minimum: 1,
              maximum: 500,
              default: 50,
            },
          },
        ],
        responses: {
          '200': {
            description: 'The operations.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['items'],
                  properties: {
                    items: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/Operation',
                      },
                    },
                  },
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
  },
} as const;

export const createOpenApiRouter = async (
  options?: Parameters<typeof createValidatedOpenApiRouter>['1'],
) => createValidatedOpenApiRouter<typeof spec>(spec, options);
