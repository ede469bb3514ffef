import express from 'express';
import { ClusterFaults, PoolFault } from '../config';

const POOL_FAULTS: Array<PoolFault | null> = [
  'ImagePullBackOff',
  'CrashLoopBackOff',
  'InitError',
  null,
];

/** What the admin endpoint can act on; a running simulator provides it. */
export interface SimulatorControls {
  describe(): unknown;
  /** Applies fault settings to a cluster and returns them all; undefined for an unknown cluster. */
  setFaults(
    cluster: string,
    faults: Partial<ClusterFaults>,
  ): ClusterFaults | undefined;
  /** Resizes a node pool; false for an unknown cluster or pool. */
  resizePool(cluster: string, pool: string, nodes: number): boolean;
  advanceClock(ms: number): Date;
  setClock(date: Date): Date;
  /** Generates one round of audit traffic now; returns how many entries were written. */
  tickAudit(): number;
}

class BadRequest extends Error {}

/**
 * The simulator's admin API, for tests and demos that switch faults, node
 * counts and time while it runs. It is served on its own port, so it still
 * answers when a cluster's API refuses connections or hangs.
 */
export function createAdminRouter(controls: SimulatorControls): express.Router {
  const router = express.Router();
  router.use(express.json());

  router.get('/', (_req, res) => {
    res.json(controls.describe());
  });

  router.post('/clusters/:cluster/faults', (req, res) => {
    const faults = controls.setFaults(
      req.params.cluster,
      parseFaults(req.body),
    );
    if (!faults) {
      res.status(404).json({ error: `no cluster "${req.params.cluster}"` });
      return;
    }
    res.json(faults);
  });

  router.post('/clusters/:cluster/pools/:pool/resize', (req, res) => {
    const nodes = req.body?.nodes;
    if (!Number.isInteger(nodes) || nodes < 0) {
      throw new BadRequest('"nodes" must be a whole number');
    }
    if (!controls.resizePool(req.params.cluster, req.params.pool, nodes)) {
      res.status(404).json({
        error: `no pool "${req.params.pool}" in cluster "${req.params.cluster}"`,
      });
      return;
    }
    res.json({ nodes });
  });

  router.post('/clock', (req, res) => {
    const { advanceMs, set } = req.body ?? {};
    if (typeof advanceMs === 'number' && Number.isFinite(advanceMs)) {
      res.json({ now: controls.advanceClock(advanceMs).toISOString() });
    } else if (typeof set === 'string' && !Number.isNaN(Date.parse(set))) {
      res.json({ now: controls.setClock(new Date(set)).toISOString() });
    } else {
      throw new BadRequest(
        'send {"advanceMs": number} or {"set": "<ISO timestamp>"}',
      );
    }
  });

  router.post('/audit/tick', (_req, res) => {
    res.json({ written: controls.tickAudit() });
  });

  router.use(
    (
      error: Error,
      _req: express.Request,
      res: express.Response,
      next: express.NextFunction,
    ) => {
      if (error instanceof BadRequest || error instanceof SyntaxError) {
        res.status(400).json({ error: error.message });
        return;
      }
      next(error);
    },
  );

  return router;
}

/** Checks a faults body field by field, so a typo is a 400 and not a silent no-op. */
function parseFaults(body: unknown): Partial<ClusterFaults> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new BadRequest('send a JSON object of fault settings');
  }
  const faults: Partial<ClusterFaults> = {};
  for (const [key, value] of Object.entries(body)) {
    switch (key) {
      case 'apiLatencyMs':
        if (typeof value !== 'number' || value < 0) {
          throw new BadRequest('"apiLatencyMs" must be a number >= 0');
        }
        faults.apiLatencyMs = value;
        break;
      case 'errorRate500':
      case 'errorRate429':
        if (typeof value !== 'number' || value < 0 || value > 1) {
          throw new BadRequest(`"${key}" must be a number from 0 to 1`);
        }
        faults[key] = value;
        break;
      case 'refuseConnections':
      case 'hang':
        if (typeof value !== 'boolean') {
          throw new BadRequest(`"${key}" must be true or false`);
        }
        faults[key] = value;
        break;
      case 'pools':
        faults.pools = parsePoolFaults(value);
        break;
      default:
        throw new BadRequest(
          `unknown fault "${key}"; known: apiLatencyMs, errorRate500, errorRate429, refuseConnections, hang, pools`,
        );
    }
  }
  return faults;
}

function parsePoolFaults(value: unknown): ClusterFaults['pools'] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new BadRequest('"pools" must map pool names to a fault or null');
  }
  const pools: ClusterFaults['pools'] = {};
  for (const [pool, fault] of Object.entries(value)) {
    if (!POOL_FAULTS.includes(fault as PoolFault | null)) {
      throw new BadRequest(
        `pool "${pool}": fault must be one of ImagePullBackOff, CrashLoopBackOff, InitError or null`,
      );
    }
    pools[pool] = (fault as PoolFault | null) ?? undefined;
  }
  return pools;
}
