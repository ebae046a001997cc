import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../src/cli/usage-error.js';
import { defineTopic } from '../src/define-topic.js';
import type { Experiment } from '../src/experiment.js';
import { experimentAnchor } from '../src/report/anchors.js';
import type { TourResults } from '../src/results.js';
import { runTour } from '../src/tour.js';
import { fakeExperiment, fakeTopics } from './fixtures/fake-topics.js';

const run = promisify(execFile);

const made: string[] = [];

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'shinkei-tour-'));
  made.push(dir);
  return dir;
}

afterAll(async () => {
  await Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('runTour end to end', () => {
  it('runs every experiment, reports a throwing one as failed, and exits 1', async () => {
    const outDir = await tempDir();
    let output = '';
    const outcome = await runTour(
      { size: 'quick', seed: 7, backend: 'js', outDir, progress: 'lines', write: (t) => void (output += t) },
      fakeTopics(),
    );
    expect(outcome.exitCode).toBe(1);
    expect(existsSync(join(outDir, 'index.html'))).toBe(true);
    expect(existsSync(join(outDir, 'results.json'))).toBe(true);

    const html = await readFile(join(outDir, 'index.html'), 'utf8');
    for (const id of ['exp-alpha-first', 'exp-beta-second', 'exp-beta-broken']) expect(html).toContain(`id="${id}"`);
    expect(html).toContain('broken exploded on purpose');
    expect(html).toContain('pnpm start --only alpha --seed 7 --quick');
    expect(html).not.toMatch(/<script/i);

    const json = JSON.parse(await readFile(join(outDir, 'results.json'), 'utf8')) as TourResults;
    expect(json.seed).toBe(7);
    expect(json.size).toBe('quick');
    expect(json.environment.node).toBe(process.version);
    expect(new Date(json.date).getTime()).not.toBeNaN();
    expect(json.counts).toEqual({ experiments: 3, errors: 1, verdicts: 2, passed: 1 });
    expect(json.experiments.map((e) => `${e.topic}/${e.id}:${e.status}`)).toEqual([
      'alpha/first:ok',
      'beta/second:ok',
      'beta/broken:error',
    ]);
    const first = json.experiments[0]!;
    expect(first.metrics).toEqual({ seed: 7, accuracy: 0.975, nothing: 'NaN' });
    expect(first.settings).toEqual({ size: 'quick', hidden: [16, 8], lr: 0.1 });
    expect(first.durationMs).toBeGreaterThanOrEqual(0);
    expect(json.experiments[2]!.error?.message).toBe('broken exploded on purpose');

    expect(output).toContain('▶ [1/3] §6.1.10 alpha · Fake first');
    expect(output).toContain('✓ first works: value = 7 (chapter: it works)');
    expect(output).toContain('✗ second works: value = 7 (chapter: it works)');
    expect(output).toContain('✗ beta/broken (§6.2.2) failed: broken exploded on purpose');
    expect(output).toMatch(
      /1\/2 claims reproduced · 3 experiments, 1 failed · size quick · seed 7 · backend js · total/,
    );
  });

  it('runs only the topics asked for and exits 0 when none fails', async () => {
    const outDir = await tempDir();
    const outcome = await runTour(
      { size: 'default', seed: 1, backend: 'js', outDir, only: ['alpha'], progress: 'silent', write: () => {} },
      fakeTopics(),
    );
    expect(outcome.exitCode).toBe(0);
    expect(outcome.results.experiments.map((e) => e.id)).toEqual(['first']);
    const html = await readFile(outcome.htmlPath, 'utf8');
    expect(html).toContain('id="exp-alpha-first"');
    expect(html).not.toContain('id="exp-beta-second"');
  });

  it('records an invalid result as a failure naming what was wrong', async () => {
    const bad: Experiment = { ...fakeExperiment('gamma', 'bad', '1.1', []), run: () => ({ verdicts: 'yes' }) as never };
    const outcome = await runTour(
      { size: 'quick', seed: 1, backend: 'js', outDir: await tempDir(), progress: 'silent', write: () => {} },
      [{ name: 'gamma', experiments: [bad] }],
    );
    expect(outcome.exitCode).toBe(1);
    expect(outcome.results.experiments[0]?.error?.message).toBe('result.verdicts must be an array, got "yes"');
  });

  it('refuses an unknown topic and duplicate ids', async () => {
    const options = { size: 'quick', seed: 1, backend: 'js', outDir: await tempDir(), write: () => {} } as const;
    await expect(runTour({ ...options, only: ['nope'] }, fakeTopics())).rejects.toThrow(UsageError);
    await expect(runTour({ ...options, only: ['nope'] }, fakeTopics())).rejects.toThrow(
      '--only: unknown topic "nope" (available: alpha, beta)',
    );
    const twice = fakeExperiment('alpha', 'same', '1', []);
    await expect(runTour(options, [{ name: 'alpha', experiments: [twice, twice] }])).rejects.toThrow(
      /"alpha\/same".*unique/,
    );
  });

  it('passes seed, size, backend and a clamped progress callback to experiments', async () => {
    const seen: unknown[] = [];
    const probe: Experiment = {
      ...fakeExperiment('delta', 'probe', '2', []),
      run(ctx) {
        ctx.progress(Number.NaN);
        ctx.progress(2, 'over');
        seen.push(ctx.size, ctx.seed, ctx.backend);
        return { verdicts: [], metrics: {}, figures: [], settings: {} };
      },
    };
    let output = '';
    await runTour(
      {
        size: 'full',
        seed: 3,
        backend: 'ort',
        outDir: await tempDir(),
        progress: 'lines',
        write: (t) => void (output += t),
      },
      [{ name: 'delta', experiments: [probe] }],
    );
    expect(seen).toEqual(['full', 3, 'ort']);
    expect(output).toContain('0/0 claims');
  });
});

describe('the command line', () => {
  const cwd = join(import.meta.dirname, '..');
  const tsx = join(cwd, 'node_modules', '.bin', 'tsx');

  it('prints usage and exits 2 on an unknown option', async () => {
    const error = await run(tsx, ['--conditions=source', 'src/main.ts', '--frobnicate'], { cwd }).catch((e) => e);
    expect(error.code).toBe(2);
    expect(error.stderr).toContain("error: Unknown option '--frobnicate'");
    expect(error.stderr).toContain('Usage: pnpm start [options]');
  });

  it('runs every registered topic with --quick and reports every section that ran', { timeout: 600_000 }, async () => {
    const outDir = await tempDir();
    const result = await run(tsx, ['--conditions=source', 'src/main.ts', '--quick', '--out', outDir], {
      cwd,
      env: { ...process.env, CI: '1' },
      maxBuffer: 64 * 1024 * 1024,
    }).catch((e) => e);
    expect(result.stdout).toContain('claims reproduced');
    const html = await readFile(join(outDir, 'index.html'), 'utf8');
    const json = JSON.parse(await readFile(join(outDir, 'results.json'), 'utf8')) as TourResults;
    expect(json.size).toBe('quick');
    for (const e of json.experiments) expect(html).toContain(`id="${experimentAnchor(e.topic, e.id)}"`);
    const failed = json.experiments
      .filter((e) => e.status === 'error')
      .map((e) => `${e.topic}/${e.id}: ${e.error?.message}`);
    expect(failed).toEqual([]);
    expect(result.code ?? 0).toBe(0);
  });
});

describe('defineTopic', () => {
  it('fills in the topic name of each experiment', () => {
    const { topic: _topic, ...rest } = fakeExperiment('x', 'one', '1', []);
    const topic = defineTopic('hopfield', [rest]);
    expect(topic.name).toBe('hopfield');
    expect(topic.experiments[0]?.topic).toBe('hopfield');
  });
});
