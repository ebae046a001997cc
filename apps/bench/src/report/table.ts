/**
 * A GitHub-flavoured markdown table with columns padded to equal width, so it reads the
 * same in a terminal and renders as a table. Pipes in cells are escaped.
 */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const escapePipes = (cell: string): string => cell.replace(/\|/g, '\\|');
  const all = [header, ...rows].map((row) => header.map((_, i) => escapePipes(row[i] ?? '')));
  const widths = header.map((_, i) => Math.max(3, ...all.map((row) => [...row[i]!].length)));
  const line = (row: readonly string[]): string =>
    `| ${row.map((cell, i) => cell + ' '.repeat(widths[i]! - [...cell].length)).join(' | ')} |`;
  const rule = `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`;
  return [line(all[0]!), rule, ...all.slice(1).map(line)].join('\n');
}
