/**
 * The use-case rank as a sheet formula, so that it follows scores edited in the
 * workbook. Columns of the use-case tab: E business, H priority score, J fixed rank
 * (a manual `priority`, blank for automatic ones).
 *
 * An automatic use case's position k among the automatic ones is one plus those with a
 * higher score, then (the business tie-break) those with the same score and a higher
 * business impact, then those tied on both that come earlier in the sheet (rows are
 * written in rank order, so sheet order is declaration order among ties). Its rank is
 * the k-th rank not taken by a fixed one: f = k + COUNTIF(J, "<=" & f), iterated; each
 * nesting level settles one more fixed rank, so the formula is exact for up to `depth`
 * fixed ranks. omni checks the formula against its own ranking before writing it
 * (`formulaRanks`), and writes plain numbers where they would differ.
 */
export const MAX_FIXED_RANKS = 3;

export function rankFormula(row: number, first: number, last: number, depth: number): string {
  const range = (column: string, to: string = `$${last}`) => `${column}$${first}:${column}${to}`;
  const automatic = (to?: string) => `${range('J', to)},""`;
  let position = `1+COUNTIFS(${range('H')},">"&H${row},${automatic()})+COUNTIFS(${range('H')},H${row},${range('E')},">"&E${row},${automatic()})`;
  if (row > first) position += `+COUNTIFS(${range('H', String(row - 1))},H${row},${range('E', String(row - 1))},E${row},${automatic(String(row - 1))})`;
  let rank = position;
  for (let level = 0; level < depth; level++) rank = `${position}+COUNTIF(${range('J')},"<="&(${rank}))`;
  return `IF(J${row}<>"",J${row},${rank})`;
}

/** What `rankFormula` computes for rows in sheet order, evaluated here (the check before writing it). */
export function formulaRanks(rows: readonly { score: number; business: number; fixed?: number }[], depth: number): number[] {
  const fixed = rows.flatMap((row) => (row.fixed === undefined ? [] : [row.fixed]));
  return rows.map((row, index) => {
    if (row.fixed !== undefined) return row.fixed;
    let position = 1;
    rows.forEach((other, j) => {
      if (other.fixed !== undefined) return;
      if (other.score > row.score) position++;
      else if (other.score === row.score && other.business > row.business) position++;
      else if (j < index && other.score === row.score && other.business === row.business) position++;
    });
    let rank = position;
    for (let level = 0; level < depth; level++) rank = position + fixed.filter((value) => value <= rank).length;
    return rank;
  });
}
