import { capWords, countWords, formatMessage, listWords, quietWords, vocabularyFor } from '../i18n/index.js';
import type { SimulationWords } from '../i18n/vocabulary.js';
import type { Locale, PressureCap, QuietHours } from '../model/types.js';
import { formatMoment, type CalendarEntry, type IdleEvent, type PersonaSimulation, type PressureViolation } from './engine.js';

/**
 * A simulation in words, once for every view (the report's Personas section, `omni simulate`
 * text and Markdown): the same sentence for a cap, a breach, a run's outcome, in the locale.
 * `name` turns an id into what the view shows (the report shows names, the terminal ids).
 */
export interface SimulationPhrases {
  words: SimulationWords;
  locale: Locale;
  cap(cap: Pick<PressureCap, 'channels' | 'max' | 'per'>): string;
  quietHours(quiet: QuietHours): string;
  pressureViolation(violation: PressureViolation): string;
  quietViolation(entry: CalendarEntry, quiet: QuietHours): string;
  outcome(run: PersonaSimulation['runs'][number]): string;
  run(run: PersonaSimulation['runs'][number]): string;
  notSent(skipped: PersonaSimulation['skipped'][number]): string;
  /** A story event that starts nothing (see IdleEvent). */
  idle(event: IdleEvent): string;
  /** "2 personas, 5 violations". */
  summary(personas: number, violations: number): string;
}

export interface Naming {
  channel(id: string): string;
  scenario(id: string): string;
}

const byId: Naming = { channel: (id) => id, scenario: (id) => id };

export function simulationPhrases(locale: Locale, naming: Naming = byId): SimulationPhrases {
  const words = vocabularyFor(locale).simulation;
  const fill = (template: string, data: Record<string, string | number>) => formatMessage(template, data, locale);
  const when = (moment: { minute: number; timeKnown: boolean }) => formatMoment(moment, locale);
  const channels = (ids: readonly string[]) => listWords(ids.map(naming.channel), locale);
  const cap: SimulationPhrases['cap'] = (value) => capWords(value, locale, channels);
  const outcome: SimulationPhrases['outcome'] = (run) =>
    run.outcome === 'exit' || run.outcome === 'goal' || run.outcome === 'horizon'
      ? fill(words.outcomes[run.outcome], { event: run.stoppedBy ?? '', when: when(run.stopped!) })
      : words.outcomes[run.outcome];
  return {
    words,
    locale,
    cap,
    quietHours: (quiet) => quietWords(quiet, locale, channels),
    pressureViolation: (violation) =>
      fill(words.pressureViolation, {
        count: violation.entries.length,
        messages: words.messages[violation.entries.length === 1 ? 0 : 1],
        from: when(violation.from),
        to: when(violation.to),
        cap: cap(violation),
        scenarios: violation.scenarios.map(naming.scenario).join(', '),
      }),
    quietViolation: (entry, quiet) =>
      fill(words.quietViolation, {
        channel: naming.channel(entry.channel),
        when: when(entry),
        from: quiet.from,
        to: quiet.to,
        scenario: naming.scenario(entry.scenario),
        step: entry.step,
      }),
    outcome,
    run: (run) => fill(words.run, { when: when(run.entered), trigger: run.trigger, outcome: outcome(run) }),
    notSent: (skipped) => fill(words.noConsent, { channel: naming.channel(skipped.channel) }),
    idle: (event) =>
      event.reason === 'unused'
        ? fill(words.idleUnused, { event: event.event, when: when(event.at) })
        : fill(words.idleOtherTargets, { event: event.event, when: when(event.at), scenarios: event.scenarios.map(naming.scenario).join(', ') }),
    summary: (personas, violations) =>
      fill(words.summary, { personas: countWords(personas, words.personaCount, locale), violations: countWords(violations, words.violationCount, locale) }),
  };
}
