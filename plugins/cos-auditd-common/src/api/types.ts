import { FilterSpec } from '../filters';
import { RolloutPhase } from './phases';

/**
 * The log agent a cluster runs: today's fluent-bit manifest or the older
 * fluentd one.
 *
 * @public
 */
export type AgentKind = 'fluent-bit' | 'fluentd-legacy';

/** The logging DaemonSet's status counters. @public */
export type DaemonSetSummary = {
  name: string;
  desired: number;
  current: number;
  ready: number;
  updated: number;
  available: number;
  misscheduled: number;
  generation: number;
  observedGeneration: number;
};

/** The agent pod on one node. @public */
export type NodePodState = {
  name: string;
  /** Pod phase: Pending, Running, Failed… */
  phase: string;
  ready: boolean;
  restarts: number;
  /** Why it is not ready: ImagePullBackOff, CrashLoopBackOff, Init:Error… */
  reason?: string;
};

/** One node of the cluster and whether the agent covers it. @public */
export type NodeStatus = {
  name: string;
  pool: string;
  osImage: string;
  /** Runs Container-Optimized OS, so the DaemonSet selects it. */
  cos: boolean;
  /** Its agent pod is ready and shipping. */
  covered: boolean;
  /** Why a node is not covered, in words. */
  reason?: string;
  pod?: NodePodState;
};

/** A live object that differs from what this plugin would apply. @public */
export type DriftItem = {
  kind: string;
  name: string;
  namespace?: string;
  /** What differs, in words. */
  message: string;
};

/** `GET /clusters/{namespace}/{name}/status`. @public */
export type ClusterStatus = {
  entityRef: string;
  phase: RolloutPhase;
  message: string;
  daemonSet: DaemonSetSummary | null;
  nodes: NodeStatus[];
  agent: AgentKind | null;
  drift: DriftItem[];
  checkedAt: string;
};

/** Node counts behind a phase. @public */
export type Coverage = {
  /** COS nodes whose agent is ready. */
  covered: number;
  /** COS nodes the DaemonSet selects. */
  eligible: number;
  total: number;
};

/** One item of `GET /clusters`. @public */
export type ClusterSummary = {
  entityRef: string;
  title?: string;
  phase: RolloutPhase;
  message: string;
  coverage: Coverage;
  lastOperation: OperationSummary | null;
  checkedAt: string;
};

/** One `[FILTER]` section (or fluentd `<filter>` block), described. @public */
export type FilterSection = {
  /** The plugin name: grep, throttle, modify, record_transformer… */
  kind: string;
  /** What it does, in plain words. */
  description: string;
  /** Its settings as written. */
  settings: Array<{ key: string; value: string }>;
};

/** `GET /clusters/{namespace}/{name}/filters`. @public */
export type ActiveFilters = {
  entityRef: string;
  /** Which agent's configuration was read; null when nothing is installed. */
  source: AgentKind | null;
  /** The typed spec when the live configuration is exactly one this plugin renders. */
  spec: FilterSpec | null;
  sections: FilterSection[];
  /** The configuration text as it is in the ConfigMap. */
  raw: string | null;
  /** Anything in the configuration that could not be read. */
  notes: string[];
};

/** What happened to one object in an apply or remove. @public */
export type ResourceChange = {
  kind: string;
  name: string;
  namespace?: string;
  action: 'created' | 'configured' | 'unchanged' | 'deleted' | 'absent';
};

/** Where a node stands after a removal. @public */
export type NodeOutcome = {
  node: string;
  pool: string;
  /**
   * - `disabled`: audit logging is off on the node.
   * - `locked`: records are no longer shipped, but the node's audit
   *   configuration stays locked until it is recreated.
   * - `unknown`: the disable pod never reported (the node was gone or failing).
   */
  outcome: 'disabled' | 'locked' | 'unknown';
  message?: string;
};

/** The rolling recreation of one node pool's locked nodes. @public */
export type RecreationPlan = {
  pool: string;
  nodes: string[];
  /** Managed instance groups (one per zone) that hold the nodes. */
  instanceGroups: Array<{ name: string; zone: string }>;
  /** Commands to run in order, with project, zone and group filled in. */
  steps: string[];
};

/** @public */
export type OperationKind = 'apply' | 'remove';

/** @public */
export type OperationOutcome = 'running' | 'succeeded' | 'failed';

/** @public */
export type RemoveMode = 'disable' | 'stop-shipping';

/** An operation as lists show it. @public */
export type OperationSummary = {
  id: string;
  entityRef: string;
  kind: OperationKind;
  outcome: OperationOutcome;
  startedAt: string;
  finishedAt: string | null;
};

/** A stored apply or remove, with who ran it and what came of it. @public */
export type Operation = OperationSummary & {
  /** The user or service that ran it, as an entity ref or subject. */
  actor: string;
  dryRun: boolean;
  /** For apply: the filters applied. */
  spec: FilterSpec | null;
  /** For remove: how. */
  mode: RemoveMode | null;
  changes: ResourceChange[];
  nodes: NodeOutcome[];
  recreation: RecreationPlan[];
  /** What went on, in order, for the history view. */
  messages: string[];
  error: { name: string; message: string } | null;
};

/** `POST /clusters/{namespace}/{name}/apply` body. @public */
export type ApplyRequest = { filters?: FilterSpec; dryRun?: boolean };

/** @public */
export type ApplyResult = { operation: Operation; changes: ResourceChange[] };

/** `POST /clusters/{namespace}/{name}/remove` body. @public */
export type RemoveRequest = { mode?: RemoveMode };

/** @public */
export type RemoveResult = {
  operation: Operation;
  nodes: NodeOutcome[];
  recreation: RecreationPlan[];
};

/** The two kinds of audit event the events endpoint reads back. @public */
export type AuditEventType = 'execve' | 'login';

/** What every audit event has, whatever its kind. @public */
export type AuditEventBase = {
  /** Stable id: node and audit serial (and the second, since serials restart at boot). */
  id: string;
  type: AuditEventType;
  /** The audit time (not the time Cloud Logging received it), ISO 8601. */
  time: string;
  serial: number;
  node: string;
  /** The event's raw records as audit lines (`TYPE body`), in record order. */
  records: string[];
};

/** A program execution: SYSCALL execve + EXECVE + CWD + PROCTITLE. @public */
export type ExecveEvent = AuditEventBase & {
  type: 'execve';
  exe: string | null;
  /** Arguments decoded from hex and joined from `aN[i]` pieces; secrets masked by default. */
  argv: string[];
  cwd: string | null;
  pid: number | null;
  ppid: number | null;
  uid: number | null;
  auid: number | null;
  euid: number | null;
  tty: string | null;
  ses: number | null;
  comm: string | null;
  success: boolean | null;
  exit: number | null;
};

/** A login, authentication or session record (USER_LOGIN, USER_AUTH, CRED_*, …). @public */
export type LoginEvent = AuditEventBase & {
  type: 'login';
  recordType: string;
  user: string | null;
  uid: number | null;
  auid: number | null;
  addr: string | null;
  hostname: string | null;
  terminal: string | null;
  exe: string | null;
  result: 'success' | 'failed';
  pid: number | null;
  ses: number | null;
};

/** @public */
export type AuditEvent = ExecveEvent | LoginEvent;

/** `GET /clusters/{namespace}/{name}/events` response. @public */
export type AuditEventsPage = {
  items: AuditEvent[];
  nextPageToken?: string;
  /** The Cloud Logging filter the backend ran. */
  logFilter: string;
  /** The same query in the Google Cloud console's Logs Explorer. */
  logsExplorerUrl: string;
  /** Records that could not be parsed and were skipped. */
  skippedRecords: number;
};
