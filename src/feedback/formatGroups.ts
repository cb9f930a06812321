import type { QuestionGroup } from './groupQuestions';

export interface TableOptions {
  /** Longest question shown before it is cut with "…". */
  readonly questionWidth?: number;
}

/** The groups as a plain-text table for a terminal, one group per row, other wordings beneath. */
export function formatGroupsTable(groups: readonly QuestionGroup[], options: TableOptions = {}): string {
  const width = options.questionWidth ?? 70;
  const header = ['#', 'Count', 'Chats', 'Last asked (UTC)', 'Best guess', 'Question'];
  const rows = groups.map((group, index) => [
    String(index + 1),
    String(group.count),
    String(group.conversations),
    group.lastTime.slice(0, 16).replace('T', ' '),
    group.topGuess ? `${group.topGuess.intent} (${group.topGuess.count})` : '-',
    cut(group.representative, width),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => (column < 3 ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!)))
      .join('  ')
      .trimEnd();
  // Other wordings line up under the question column.
  const indent = ' '.repeat(widths.slice(0, -1).reduce((sum, columnWidth) => sum + columnWidth + 2, 0));

  const out = [line(header), line(widths.map((columnWidth) => '-'.repeat(columnWidth)))];
  groups.forEach((group, index) => {
    out.push(line(rows[index]!));
    for (const variant of group.variants) out.push(`${indent}~ ${cut(variant, width - 2)}`);
  });
  return out.join('\n');
}

function cut(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(width - 1, 1))}…`;
}
