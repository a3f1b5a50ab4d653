/**
 * A small benchmark harness: figures are measured beside their baseline in the same run, in
 * interleaved rounds, and compared by median, so a ratio holds on a noisy 2-core machine
 * (DESIGN §7). Timings live here, never in test assertions.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface Figure {
  /** What was measured. */
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** The budget of DESIGN §8, when there is one. */
  readonly target?: string;
  /** Whether the figure meets its target (undefined when there is none). */
  readonly pass?: boolean;
  readonly note?: string;
}

/** Operations per second of `run`, timed over at least `ms` milliseconds. */
export function opsPerSecond(run: () => void, ms = 300): number {
  let count = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    for (let i = 0; i < 50; i += 1) run();
    count += 50;
    elapsed = performance.now() - start;
  }
  return (count * 1000) / elapsed;
}

/** Interleaved rounds of two workloads; returns each one's median ops/s. */
export function compare(ours: () => void, baseline: () => void, rounds = 9, ms = 300): { ours: number; baseline: number } {
  // Warm both up first so the JIT has compiled them before anything is counted.
  opsPerSecond(ours, 400);
  opsPerSecond(baseline, 400);
  const a: number[] = [];
  const b: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    a.push(opsPerSecond(ours, ms));
    b.push(opsPerSecond(baseline, ms));
  }
  return { ours: median(a), baseline: median(b) };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Prints the figures as a table and writes them to bench/results.json at the repository root. */
export function report(figures: readonly Figure[]): void {
  const rows = figures.map((f) => [
    f.name,
    `${formatNumber(f.value)} ${f.unit}`,
    f.target ?? '',
    f.pass === undefined ? '' : f.pass ? 'ok' : 'MISSED',
  ]);
  const header = ['figure', 'value', 'target', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
  for (const f of figures) if (f.note) console.log(`  ${f.name}: ${f.note}`);
  const dir = fileURLToPath(new URL('../../bench/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  const out = { date: new Date().toISOString(), node: process.version, figures };
  writeFileSync(`${dir}results.json`, `${JSON.stringify(out, null, 2)}\n`);
  console.log(`\nwritten to bench/results.json`);
}

function formatNumber(value: number): string {
  if (value >= 100) return Math.round(value).toLocaleString('en-GB');
  return value.toFixed(value >= 10 ? 1 : 2);
}
