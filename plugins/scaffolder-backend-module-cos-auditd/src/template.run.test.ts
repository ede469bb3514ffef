import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
// Test only: the template runs against the real cos-auditd backend plugin.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import cosAuditdPlugin from '@cos-auditd/backstage-plugin-cos-auditd-backend';
import type { Operation } from '@cos-auditd/backstage-plugin-cos-auditd-common';
import {
  CONFIGMAPS,
  DAEMONSETS,
  NAMESPACES,
  RunningSimulator,
  startGkeSimulator,
} from '@cos-auditd/gke-sim';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { stripVTControlCharacters } from 'node:util';
import request from 'supertest';
import { parse } from 'yaml';
import {
  simulatedClusterEntity,
  simulatorConfig,
} from './__testUtils__/actionsTestBackend';
import scaffolderModuleCosAuditd from './index';

jest.setTimeout(90_000);

const templatePath = path.resolve(
  __dirname,
  '../../../examples/template-enable-audit-logging.yaml',
);

const CLUSTER_REF = 'resource:default/demo-gke-prod';

type TaskEvent = {
  type: 'log' | 'completion' | 'cancelled' | 'recovered';
  body: {
    message: string;
    stepId?: string;
    output?: {
      links?: Array<{ title?: string; entityRef?: string; url?: string }>;
      text?: Array<{ title?: string; content?: string }>;
    };
  };
};

describe('examples/template-enable-audit-logging.yaml run by the scaffolder backend', () => {
  let sim: RunningSimulator;
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  let stop: () => Promise<void>;
  let workingDirectory: string;

  beforeAll(async () => {
    // Jest runs this file in its own VM context, but Node's global fetch
    // (undici) belongs to the outer one: `response.json()` builds arrays and
    // records with the outer Array and Object prototypes, and so does
    // `.map()` on them. The scaffolder's template engine (nunjitsu) refuses
    // step outputs whose arrays do not have this context's Array.prototype
    // ("Template arrays cannot use a custom prototype"), which never happens
    // in a backend process, where there is only one context. Parsing the
    // body with this context's JSON keeps the objects as they are in
    // production.
    jest
      .spyOn(Response.prototype, 'json')
      .mockImplementation(async function json(this: Response) {
        return JSON.parse(await this.text());
      });

    sim = await startGkeSimulator();
    workingDirectory = fs.mkdtempSync(
      path.join(os.tmpdir(), 'cos-auditd-template-run-'),
    );

    const template = parse(fs.readFileSync(templatePath, 'utf8')) as Entity;
    template.metadata.namespace ??= 'default';
    const cluster = sim.cluster('demo-gke-prod');

    const backend = await startTestBackend({
      features: [
        scaffolderPlugin,
        scaffolderModuleCosAuditd,
        cosAuditdPlugin,
        catalogServiceMock.factory({
          entities: [simulatedClusterEntity(cluster), template],
        }),
        mockServices.rootConfig.factory({
          data: {
            backend: { workingDirectory },
            cosAuditd: simulatorConfig(sim),
          },
        }),
      ],
    });
    server = backend.server;
    stop = () => backend.stop();
  });

  afterAll(async () => {
    await stop?.();
    await sim?.stop();
    jest.restoreAllMocks();
    if (workingDirectory) {
      fs.rmSync(workingDirectory, { recursive: true, force: true });
    }
  });

  /** Runs the template as from the Create page and waits for the task to end. */
  async function runTemplate() {
    const created = await request(server)
      .post('/api/scaffolder/v2/tasks')
      .set('Authorization', mockCredentials.user.header())
      .send({
        templateRef: 'template:default/enable-audit-logging',
        values: {
          cluster: CLUSTER_REF,
          preset: 'exec-and-login',
          dryRun: false,
        },
      });
    expect(created.status).toBe(201);
    const taskId: string = created.body.id;
    expect(taskId).toEqual(expect.any(String));

    const deadline = Date.now() + 30_000;
    let task: { status: string; [key: string]: unknown };
    for (;;) {
      const response = await request(server)
        .get(`/api/scaffolder/v2/tasks/${taskId}`)
        .set('Authorization', mockCredentials.user.header());
      expect(response.status).toBe(200);
      task = response.body;
      if (task.status === 'completed' || task.status === 'failed') {
        break;
      }
      if (Date.now() > deadline) {
        throw new Error(
          `task ${taskId} did not finish within 30 s: ${JSON.stringify(task)}`,
        );
      }
      await delay(200);
    }

    const eventsResponse = await request(server)
      .get(`/api/scaffolder/v2/tasks/${taskId}/events`)
      .set('Authorization', mockCredentials.user.header());
    expect(eventsResponse.status).toBe(200);
    const events = eventsResponse.body as TaskEvent[];
    // The step's log lines without the logger's coloured level prefix.
    const logs = events
      .filter(e => e.type === 'log' && e.body.stepId === 'enable')
      .map(e =>
        stripVTControlCharacters(e.body.message).replace(
          /^(info|warn|error|debug): /,
          '',
        ),
      );
    const completion = events.find(e => e.type === 'completion');
    // Every event's message, shown when the task did not complete.
    const messages = events.map(e => `${e.type}: ${e.body.message}`);
    return { taskId, task, events, logs, messages, completion };
  }

  /** Fails with the task's event messages unless the task completed. */
  const expectCompleted = (run: Awaited<ReturnType<typeof runTemplate>>) => {
    if (run.task.status !== 'completed') {
      throw new Error(
        `task ${run.taskId} ${run.task.status}:\n${run.messages.join('\n')}`,
      );
    }
    expect(run.completion?.body.message).toBe(
      'Run completed with status: completed',
    );
  };

  const objects = () => {
    const { store } = sim.cluster('demo-gke-prod').cluster;
    return {
      namespaces: store
        .list(NAMESPACES)
        .map(o => o.metadata.name)
        .filter(n => n === 'cos-auditd'),
      configMaps: store
        .list(CONFIGMAPS)
        .filter(o => o.metadata.namespace === 'cos-auditd')
        .map(o => o.metadata.name),
      daemonSets: store.list(DAEMONSETS).map(o => o.metadata.name),
    };
  };

  const history = async () => {
    const response = await request(server)
      .get('/api/cos-auditd/operations')
      .query({ entityRef: CLUSTER_REF })
      .set('Authorization', mockCredentials.user.header());
    expect(response.status).toBe(200);
    return response.body.items as Operation[];
  };

  const operationIdIn = (run: Awaited<ReturnType<typeof runTemplate>>) => {
    const text = (run.completion?.body.output?.text ?? [])
      .map(t => t.content ?? '')
      .join('\n');
    return /\*\*Operation:\*\* `([^`]+)`/.exec(text)?.[1];
  };

  /** The step's "<Kind> <name>: <action>" lines, one per object. */
  const changeLogs = (run: Awaited<ReturnType<typeof runTemplate>>) =>
    run.logs.filter(m => /^(Namespace|ConfigMap|DaemonSet) \S+: \w+$/.test(m));

  let firstOperationId: string | undefined;

  it('completes, deploys the agent and records the apply by the user', async () => {
    expect(objects().daemonSets).toEqual([]);

    const run = await runTemplate();

    expectCompleted(run);

    // The template's output: the cluster link and the operation text.
    const output = run.completion!.body.output!;
    expect(output.links).toEqual([
      expect.objectContaining({
        title: 'Open the cluster',
        entityRef: CLUSTER_REF,
      }),
    ]);
    const text = output.text!.map(t => t.content).join('\n');
    expect(text).toMatch(/\*\*Operation:\*\* `[^`]+`/);
    expect(text).toMatch(
      /\*\*Phase right after the apply:\*\* `(rolling-out|active)`/,
    );
    expect(text).toContain('The agent rolls out node by node');
    expect(text).not.toContain('dry run');
    firstOperationId = operationIdIn(run);
    expect(firstOperationId).toBeTruthy();

    // The step's log, as the Create page shows it.
    expect(run.logs).toEqual(
      expect.arrayContaining([
        `Enabling audit logging on ${CLUSTER_REF} with filters {"preset":"exec-and-login"}`,
        `Operation ${firstOperationId} succeeded`,
      ]),
    );
    expect(changeLogs(run)).toEqual([
      'Namespace cos-auditd: created',
      'ConfigMap cos-auditd/cos-auditd-fluent-bit-config: created',
      'DaemonSet cos-auditd/cos-auditd-logging: created',
    ]);

    expect(objects()).toEqual({
      namespaces: ['cos-auditd'],
      configMaps: ['cos-auditd-fluent-bit-config'],
      daemonSets: ['cos-auditd-logging'],
    });

    const [latest, ...older] = await history();
    expect(older).toEqual([]);
    expect(latest).toMatchObject({
      id: firstOperationId,
      kind: 'apply',
      outcome: 'succeeded',
      actor: 'user:default/mock',
      spec: { preset: 'exec-and-login' },
    });
  });

  it('changes nothing when the template runs again with the same values', async () => {
    const run = await runTemplate();

    expectCompleted(run);
    const operationId = operationIdIn(run);
    expect(operationId).toBeTruthy();
    expect(operationId).not.toBe(firstOperationId);

    expect(changeLogs(run)).toEqual([
      'Namespace cos-auditd: unchanged',
      'ConfigMap cos-auditd/cos-auditd-fluent-bit-config: unchanged',
      'DaemonSet cos-auditd/cos-auditd-logging: unchanged',
    ]);
    expect(run.logs).toEqual(
      expect.arrayContaining([
        `Operation ${operationId} succeeded: nothing to change, the cluster already had this spec`,
      ]),
    );

    expect(objects()).toEqual({
      namespaces: ['cos-auditd'],
      configMaps: ['cos-auditd-fluent-bit-config'],
      daemonSets: ['cos-auditd-logging'],
    });

    const operations = await history();
    expect(operations).toHaveLength(2);
    expect(operations[0]).toMatchObject({
      id: operationId,
      kind: 'apply',
      outcome: 'succeeded',
      actor: 'user:default/mock',
      spec: { preset: 'exec-and-login' },
    });
    expect(operations[1].id).toBe(firstOperationId);
  });
});
