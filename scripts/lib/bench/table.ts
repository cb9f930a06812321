/** The benchmark's one table, in Markdown so it can be pasted into the README as printed. */

export type Verdict = 'met' | 'missed' | '';

export interface Row {
  readonly measure: string;
  readonly value: string;
  readonly baseline: string;
  readonly ratio: string;
  readonly target: string;
  readonly verdict: Verdict;
}

export function markdownTable(rows: readonly Row[]): string {
  const header = ['Measure', 'FAQ bot', 'Baseline (same run)', 'Ratio', 'Target', 'Met'];
  const cells = rows.map((r) => [r.measure, r.value, r.baseline, r.ratio, r.target, r.verdict === 'met' ? 'yes' : r.verdict === 'missed' ? '**no**' : '']);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (values: readonly string[]) => `| ${values.map((v, i) => v.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)].join('\n');
}

export const verdict = (ok: boolean | undefined): Verdict => (ok === undefined ? '' : ok ? 'met' : 'missed');
