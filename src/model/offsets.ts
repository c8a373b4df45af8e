const MINUTES: Record<string, number> = { m: 1, h: 60, d: 24 * 60, w: 7 * 24 * 60 };

/**
 * Minutes from the trigger for an offset as written in the template (J+1, D+1, J-7)
 * or in short units (1d, 12h, 30m, 2w, 0). Undefined when the text is not an offset.
 */
export function offsetMinutes(offset: string): number | undefined {
  let minutes = parsed.get(offset);
  if (minutes === undefined && !parsed.has(offset)) {
    minutes = parseOffset(offset);
    // A plan writes a few dozen distinct offsets; the memo stays bounded on any input.
    if (parsed.size < MAX_MEMOISED) parsed.set(offset, minutes);
  }
  return minutes;
}

const MAX_MEMOISED = 10_000;
const parsed = new Map<string, number | undefined>();

function parseOffset(offset: string): number | undefined {
  if (offset === '0') return 0;
  const day = /^[JD]([+-]?)(\d+)$/.exec(offset);
  if (day) return (day[1] === '-' ? -1 : 1) * Number(day[2]) * MINUTES.d!;
  const unit = /^(\d+)([mhdw])$/.exec(offset);
  if (unit) return Number(unit[1]) * MINUTES[unit[2]!]!;
  return undefined;
}
