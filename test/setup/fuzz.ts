/**
 * How many seeded cases a fuzz test runs. The e2e tier runs the full campaign; the unit
 * tier runs its first `slice` cases — the same seed, so the same cases, and the same
 * assertions on each — to stay within its budget (vitest.config.ts runs the files listed
 * in FUZZ_FILES in both tiers and sets OMNI_TEST_TIER). FUZZ_N overrides both, to
 * widen a run or replay a failure (print the seed with it).
 */
export function fuzzCases(full: number, slice: number): number {
  if (process.env.FUZZ_N) return Number(process.env.FUZZ_N);
  return process.env.OMNI_TEST_TIER === 'unit' ? Math.min(full, slice) : full;
}

/** True when this run is the full campaign (an assertion about the whole set belongs there). */
export function fullCampaign(full: number, slice: number): boolean {
  return fuzzCases(full, slice) >= full;
}
