import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { spec } from './openapi.generated';

describe('openapi.generated.ts', () => {
  it('matches openapi.yaml (run `yarn generate:openapi` after editing the YAML)', () => {
    const yaml = parse(readFileSync(join(__dirname, 'openapi.yaml'), 'utf8'));
    expect(spec).toEqual(yaml);
  });
});
