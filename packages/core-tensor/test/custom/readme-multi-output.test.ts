import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('README "Custom ops"', () => {
  it('the multi-output snippet runs as written: x.grad = cos 2x from one backward call', () => {
    const readme = readFileSync(`${root}README.md`, 'utf8');
    const snippet = /```ts\n([^`]*defineMultiOutputOp\(\{[^`]*)```/.exec(readme)?.[1];
    expect(snippet).toBeDefined();
    const file = `${root}test/custom/.readme-multi-output.tmp.ts`;
    writeFileSync(file, `${snippet}\nconsole.log(x.grad!.sub(x.detach().mul(2).cos()).abs().amax().item());\n`);
    try {
      const out = execFileSync(process.execPath, ['--import', 'tsx', '--conditions=source', file], {
        cwd: root,
        encoding: 'utf8',
      });
      expect(Number(out.trim())).toBeLessThan(1e-6);
    } finally {
      rmSync(file, { force: true });
    }
  });
});
