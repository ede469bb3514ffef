import { KubeError } from '../KubeError';

/** One requirement of a label selector. */
export type LabelRequirement =
  | { key: string; operator: 'Equals' | 'NotEquals'; value: string }
  | { key: string; operator: 'In' | 'NotIn'; values: string[] }
  | { key: string; operator: 'Exists' | 'DoesNotExist' };

export type LabelSelector = LabelRequirement[];

/** The `matchLabels`/`matchExpressions` form that DaemonSets carry. */
export type LabelSelectorSpec = {
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{
    key: string;
    operator: string;
    values?: string[];
  }>;
};

/**
 * Parses the `labelSelector` query parameter: `a=b`, `a==b`, `a!=b`,
 * `a in (x,y)`, `a notin (x)`, `a`, `!a`, joined by commas.
 */
export function parseLabelSelector(text: string): LabelSelector {
  const requirements: LabelSelector = [];
  for (const part of splitTopLevel(text)) {
    const term = part.trim();
    if (!term) {
      continue;
    }
    requirements.push(parseTerm(term));
  }
  return requirements;
}

function parseTerm(term: string): LabelRequirement {
  const setMatch = /^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(term);
  if (setMatch) {
    const values = setMatch[3]
      .split(',')
      .map(v => v.trim())
      .filter(v => v !== '');
    return {
      key: checkKey(setMatch[1], term),
      operator: setMatch[2] === 'in' ? 'In' : 'NotIn',
      values,
    };
  }
  const notEquals = /^([^=!\s]+)\s*!=\s*(\S*)$/.exec(term);
  if (notEquals) {
    return {
      key: checkKey(notEquals[1], term),
      operator: 'NotEquals',
      value: notEquals[2],
    };
  }
  const equals = /^([^=!\s]+)\s*==?\s*(\S*)$/.exec(term);
  if (equals) {
    return {
      key: checkKey(equals[1], term),
      operator: 'Equals',
      value: equals[2],
    };
  }
  if (term.startsWith('!')) {
    return {
      key: checkKey(term.slice(1).trim(), term),
      operator: 'DoesNotExist',
    };
  }
  return { key: checkKey(term, term), operator: 'Exists' };
}

const LABEL_KEY =
  /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

function checkKey(key: string, term: string): string {
  if (!LABEL_KEY.test(key)) {
    throw KubeError.badRequest(
      `unable to parse requirement: "${term}": invalid label key "${key}"`,
    );
  }
  return key;
}

/** Splits on commas that are not inside `( )`. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') {
      depth++;
    } else if (text[i] === ')') {
      depth--;
    } else if (text[i] === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** The requirements of a `matchLabels`/`matchExpressions` selector. */
export function fromSelectorSpec(spec: LabelSelectorSpec): LabelSelector {
  const requirements: LabelSelector = Object.entries(
    spec.matchLabels ?? {},
  ).map(([key, value]) => ({ key, operator: 'Equals' as const, value }));
  for (const expression of spec.matchExpressions ?? []) {
    switch (expression.operator) {
      case 'In':
      case 'NotIn':
        requirements.push({
          key: expression.key,
          operator: expression.operator,
          values: expression.values ?? [],
        });
        break;
      case 'Exists':
      case 'DoesNotExist':
        requirements.push({
          key: expression.key,
          operator: expression.operator,
        });
        break;
      default:
        throw KubeError.badRequest(
          `"${expression.operator}" is not a valid label selector operator`,
        );
    }
  }
  return requirements;
}

export function matchesLabels(
  selector: LabelSelector,
  labels: Record<string, string> | undefined,
): boolean {
  const actual = labels ?? {};
  return selector.every(requirement => {
    const has = Object.prototype.hasOwnProperty.call(actual, requirement.key);
    const value = actual[requirement.key];
    switch (requirement.operator) {
      case 'Equals':
        return has && value === requirement.value;
      case 'NotEquals':
        return !has || value !== requirement.value;
      case 'In':
        return has && requirement.values.includes(value);
      case 'NotIn':
        return !has || !requirement.values.includes(value);
      case 'Exists':
        return has;
      case 'DoesNotExist':
        return !has;
      default:
        return false;
    }
  });
}
