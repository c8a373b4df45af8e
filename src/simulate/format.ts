import type { Locale, Model, PressureCap, QuietHours } from '../model/types.js';
import { formatMoment, type CalendarEntry, type Moment, type PersonaSimulation, type PressureViolation } from './engine.js';

/** Version of `omni simulate --format json`; bumped on any breaking change (docs/simulate.md). */
export const SIMULATE_FORMAT_VERSION = 1;

const capWords = (cap: { channels?: string[]; max: number; per: string }): string =>
  `at most ${cap.max} message${cap.max === 1 ? '' : 's'} ${cap.channels ? `on ${cap.channels.join(', ')} ` : ''}per ${cap.per}`;

function pressureLine(violation: PressureViolation, locale: Locale): string {
  return `pressure: ${violation.entries.length} messages from ${formatMoment(violation.from, locale)} to ${formatMoment(violation.to, locale)}, cap ${capWords(violation)} (scenarios: ${violation.scenarios.join(', ')})`;
}

function quietLine(entry: CalendarEntry, quiet: QuietHours, locale: Locale): string {
  return `quiet hours: ${entry.channel} at ${formatMoment(entry, locale)}, inside ${quiet.from}–${quiet.to} (scenario ${entry.scenario}, step ${entry.step})`;
}

const outcomeWords = (run: PersonaSimulation['runs'][number], locale: Locale): string =>
  run.outcome === 'goal' || run.outcome === 'exit' ? `${run.outcome} ${run.stoppedBy} at ${formatMoment(run.stopped!, locale)}` : run.outcome;

/** The terminal view: one block per persona, the calendar then the violations. */
export function formatSimulationText(model: Model, results: readonly PersonaSimulation[]): string {
  const locale = model.settings.locale;
  const blocks = results.map((result) => {
    const lines = [`${result.persona.name} (${result.persona.id}) · ${result.persona.target.join(', ')}`];
    const width = Math.max(0, ...result.calendar.map((entry) => formatMoment(entry, locale).length));
    const channelWidth = Math.max(0, ...result.calendar.map((entry) => entry.channel.length));
    for (const entry of result.calendar) {
      const step = `${entry.scenario} ${entry.step}${entry.kind === 'fallback' ? ' (fallback)' : ''}`;
      lines.push(`  ${formatMoment(entry, locale).padEnd(width)}  ${entry.channel.padEnd(channelWidth)}  ${step}${entry.label ? `  ${entry.label}` : ''}`);
    }
    if (result.calendar.length === 0) lines.push('  no message');
    for (const run of result.runs) lines.push(`  run ${run.scenario}: entered at ${formatMoment(run.entered, locale)} on ${run.trigger}, ${outcomeWords(run, locale)}`);
    for (const skipped of result.skipped)
      lines.push(`  not sent: ${skipped.scenario} ${skipped.step} on ${skipped.channel} at ${formatMoment(skipped.at, locale)} (no consent, no fallback)`);
    for (const violation of result.pressure) lines.push(`  ⚠ ${pressureLine(violation, locale)}`);
    for (const violation of result.quietHours) lines.push(`  ⚠ ${quietLine(result.calendar[violation.entry]!, model.settings.quietHours!, locale)}`);
    return lines.join('\n');
  });
  const total = results.reduce((sum, result) => sum + result.pressure.length + result.quietHours.length, 0);
  return `${blocks.join('\n\n')}${blocks.length > 0 ? '\n\n' : ''}${results.length} persona${results.length === 1 ? '' : 's'}, ${total} violation${total === 1 ? '' : 's'}\n`;
}

/** Markdown cells hold no pipe or newline. */
const cell = (text: string): string =>
  text
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/[\r\n]+/g, ' ');

/** Gantt task names: Mermaid reads `:` `;` `#` as syntax, and HTML in labels. */
const ganttText = (text: string): string =>
  text
    .replace(/[:;#<>&"`\r\n]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim() || '-';

/** Day 0 is drawn on 2000-01-01 (a fixed date, so the chart is reproducible): the axis shows the day of the story. */
const ganttDate = (moment: Moment): string => new Date(Date.UTC(2000, 0, 1) + moment.minute * 60_000).toISOString().slice(0, 16);

function gantt(model: Model, result: PersonaSimulation): string {
  const lines = ['```mermaid', 'gantt', '  dateFormat YYYY-MM-DDTHH:mm', '  axisFormat %d %H:%M', `  title ${ganttText(result.persona.name)}`];
  const channels = [...new Set(result.calendar.map((entry) => entry.channel))];
  channels.forEach((channel) => {
    lines.push(`  section ${ganttText(model.index.channels.get(channel)?.name ?? channel)}`);
    result.calendar.forEach((entry, i) => {
      if (entry.channel !== channel) return;
      lines.push(`  ${ganttText(`${entry.scenario} ${entry.step}`)} :milestone, m${i}, ${ganttDate(entry)}, 0m`);
    });
  });
  lines.push('```');
  return lines.join('\n');
}

/** The Markdown view: per persona, the calendar table, the violations and a Mermaid gantt of the calendar. */
export function formatSimulationMarkdown(model: Model, results: readonly PersonaSimulation[]): string {
  const locale = model.settings.locale;
  const sections = results.map((result) => {
    const out = [`## ${cell(result.persona.name)} (\`${result.persona.id}\`)`, ''];
    if (result.calendar.length === 0) out.push('No message.', '');
    else {
      out.push('| When | Channel | Scenario | Step | Message |', '| --- | --- | --- | --- | --- |');
      for (const entry of result.calendar) {
        out.push(
          `| ${formatMoment(entry, locale)} | ${cell(entry.channel)} | ${cell(entry.scenario)} | ${cell(entry.step)}${entry.kind === 'fallback' ? ' (fallback)' : ''} | ${cell(entry.label)} |`,
        );
      }
      out.push('', gantt(model, result), '');
    }
    const problems = [
      ...result.pressure.map((violation) => pressureLine(violation, locale)),
      ...result.quietHours.map((violation) => quietLine(result.calendar[violation.entry]!, model.settings.quietHours!, locale)),
    ];
    if (problems.length > 0) out.push(...problems.map((problem) => `- ⚠ ${cell(problem)}`), '');
    return out.join('\n');
  });
  return `# omni simulate: ${cell(model.settings.name)}\n\n${sections.join('\n')}`;
}

const moment = (value: Moment, locale: Locale) => ({ minute: value.minute, when: formatMoment(value, locale), timeKnown: value.timeKnown });

/** The documented JSON (docs/simulate.md): stable keys, in this order. */
export function formatSimulationJson(model: Model, results: readonly PersonaSimulation[]): string {
  const locale = model.settings.locale;
  const caps = (model.settings.pressure ?? []).map((cap: PressureCap) => ({ ...(cap.channels ? { channels: cap.channels } : {}), max: cap.max, per: cap.per }));
  const document = {
    version: SIMULATE_FORMAT_VERSION,
    workspace: model.settings.name,
    pressure: caps,
    quietHours: model.settings.quietHours ?? null,
    personas: results.map((result) => ({
      id: result.persona.id,
      name: result.persona.name,
      targets: result.persona.target,
      calendar: result.calendar.map((entry) => ({
        ...moment(entry, locale),
        scenario: entry.scenario,
        step: entry.step,
        branch: entry.branch,
        channel: entry.channel,
        kind: entry.kind,
        label: entry.label,
      })),
      runs: result.runs.map((run) => ({
        scenario: run.scenario,
        trigger: run.trigger,
        entered: moment(run.entered, locale),
        outcome: run.outcome,
        ...(run.stopped ? { stopped: moment(run.stopped, locale), stoppedBy: run.stoppedBy } : {}),
      })),
      notSent: result.skipped.map((skipped) => ({
        scenario: skipped.scenario,
        step: skipped.step,
        channel: skipped.channel,
        at: moment(skipped.at, locale),
        reason: skipped.reason,
      })),
      violations: {
        pressure: result.pressure.map((violation) => ({
          cap: violation.cap,
          ...(violation.channels ? { channels: violation.channels } : {}),
          max: violation.max,
          per: violation.per,
          count: violation.entries.length,
          from: moment(violation.from, locale),
          to: moment(violation.to, locale),
          entries: violation.entries,
          scenarios: violation.scenarios,
        })),
        quietHours: result.quietHours.map((violation) => ({ entry: violation.entry })),
      },
    })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
