/**
 * How many cases a seeded fuzz campaign runs, or how large a scale test's input is. The
 * e2e tier runs the full count; the unit tier runs a slice — the first `slice` cases of the
 * same seed, so the same cases, with the same assertions on each — to stay within its
 * budget. vitest.config.ts runs the files listed in TIERED_FILES in both tiers and sets
 * OMNI_TEST_TIER. FUZZ_N overrides both, to widen a run or replay a failure.
 */
export function tierCount(full: number, slice: number): number {
  if (process.env.FUZZ_N) return Number(process.env.FUZZ_N);
  return process.env.OMNI_TEST_TIER === 'unit' ? Math.min(full, slice) : full;
}

/** A size for a scale test: the full size in e2e, `small` in unit (FUZZ_N does not apply). */
export function tierSize(full: number, small: number): number {
  return process.env.OMNI_TEST_TIER === 'unit' ? small : full;
}
