import { formatMessage } from '../i18n/index.js';
import type { Locale, Model, PressureCap } from '../model/types.js';
import { simulationPhrases } from './describe.js';
import { formatMoment, type Moment, type PersonaSimulation } from './engine.js';

/** Version of `omni simulate --format json`; bumped on any breaking change (docs/simulate.md). */
export const SIMULATE_FORMAT_VERSION = 1;

/** The terminal view: one block per persona, the calendar then the violations. */
export function formatSimulationText(model: Model, results: readonly PersonaSimulation[]): string {
  const locale = model.settings.locale;
  const say = simulationPhrases(locale);
  const blocks = results.map((result) => {
    const lines = [`${result.persona.name} (${result.persona.id}) · ${result.persona.target.join(', ')}`];
    const width = Math.max(0, ...result.calendar.map((entry) => formatMoment(entry, locale).length));
    const channelWidth = Math.max(0, ...result.calendar.map((entry) => entry.channel.length));
    for (const entry of result.calendar) {
      const step = `${entry.scenario} ${entry.step}${entry.kind === 'fallback' ? ` (${say.words.fallback})` : ''}`;
      lines.push(`  ${formatMoment(entry, locale).padEnd(width)}  ${entry.channel.padEnd(channelWidth)}  ${step}${entry.label ? `  ${entry.label}` : ''}`);
    }
    if (result.calendar.length === 0) lines.push(`  ${say.words.noMessage}`);
    for (const run of result.runs) lines.push(`  ${run.scenario} · ${say.run(run)}`);
    for (const skipped of result.skipped)
      lines.push(
        `  ${formatMessage(say.words.notSentLine, { scenario: skipped.scenario, step: skipped.step, when: formatMoment(skipped.at, locale), reason: say.notSent(skipped) }, locale)}`,
      );
    for (const event of result.idle) lines.push(`  ${say.idle(event)}`);
    for (const violation of result.pressure) lines.push(`  ⚠ ${say.pressureViolation(violation)}`);
    for (const violation of result.quietHours) lines.push(`  ⚠ ${say.quietViolation(result.calendar[violation.entry]!, model.settings.quietHours!)}`);
    return lines.join('\n');
  });
  const total = results.reduce((sum, result) => sum + result.pressure.length + result.quietHours.length, 0);
  // A plan with no persona says how to get calendars, as the report does.
  if (model.personas.length === 0) blocks.push(say.words.none);
  return `${blocks.join('\n\n')}${blocks.length > 0 ? '\n\n' : ''}${say.summary(results.length, total)}\n`;
}

/** Markdown cells hold no pipe or newline. */
const cell = (text: string): string =>
  text
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/[\r\n]+/g, ' ');

/**
 * Gantt titles, sections and task names: Mermaid reads `:` `;` `#` as syntax, HTML in labels,
 * and `%%{…}%%` anywhere as a directive.
 */
const ganttText = (text: string): string =>
  text
    .replace(/[:;#<>&"`\r\n]+/g, ' ')
    .replace(/%{2,}/g, '%')
    .replace(/\s+/g, ' ')
    .trim() || '-';

/**
 * Words that make a gantt line a statement rather than a task when they start it (Mermaid's
 * gantt lexer): a task named after a scenario `click` or `section` gets a mark in front.
 */
const GANTT_STATEMENT =
  /^(?:href\s|call\s|click\s|gantt\b|dateFormat\s|inclusiveEndDates\b|topAxis\b|axisFormat\s|tickInterval\s|includes\s|excludes\s|todayMarker\s|weekday\s|weekend\s|\d{4}-\d\d-\d\d\b|title\s|accTitle|accDescr|section\s|%)/i;
const ganttTask = (text: string): string => {
  const name = ganttText(text);
  return GANTT_STATEMENT.test(name) ? `· ${name}` : name;
};

/** Day 0 is drawn on 2000-01-01 (a fixed date, so the chart is reproducible): the axis shows the day of the story. */
const ganttDate = (moment: Moment): string => new Date(Date.UTC(2000, 0, 1) + moment.minute * 60_000).toISOString().slice(0, 16);

function gantt(model: Model, result: PersonaSimulation): string {
  const lines = ['```mermaid', 'gantt', '  dateFormat YYYY-MM-DDTHH:mm', '  axisFormat %d %H:%M', `  title ${ganttText(result.persona.name)}`];
  const channels = [...new Set(result.calendar.map((entry) => entry.channel))];
  channels.forEach((channel) => {
    lines.push(`  section ${ganttText(model.index.channels.get(channel)?.name ?? channel)}`);
    result.calendar.forEach((entry, i) => {
      if (entry.channel !== channel) return;
      lines.push(`  ${ganttTask(`${entry.scenario} ${entry.step}`)} :milestone, m${i}, ${ganttDate(entry)}, 0m`);
    });
  });
  lines.push('```');
  return lines.join('\n');
}

/** The Markdown view: per persona, the calendar table, the violations and a Mermaid gantt of the calendar. */
export function formatSimulationMarkdown(model: Model, results: readonly PersonaSimulation[]): string {
  const locale = model.settings.locale;
  const say = simulationPhrases(locale);
  const words = say.words;
  const sections = results.map((result) => {
    const out = [`## ${cell(result.persona.name)} (\`${result.persona.id}\`)`, ''];
    if (result.calendar.length === 0) out.push(words.noMessage, '');
    else {
      out.push(`| ${[words.when, words.channel, words.scenario, words.step, words.message].map(cell).join(' | ')} |`, '| --- | --- | --- | --- | --- |');
      for (const entry of result.calendar) {
        out.push(
          `| ${formatMoment(entry, locale)} | ${cell(entry.channel)} | ${cell(entry.scenario)} | ${cell(entry.step)}${entry.kind === 'fallback' ? ` (${cell(words.fallback)})` : ''} | ${cell(entry.label)} |`,
        );
      }
      out.push('', gantt(model, result), '');
    }
    const problems = [
      ...result.pressure.map((violation) => say.pressureViolation(violation)),
      ...result.quietHours.map((violation) => say.quietViolation(result.calendar[violation.entry]!, model.settings.quietHours!)),
    ];
    if (problems.length > 0) out.push(...problems.map((problem) => `- ⚠ ${cell(problem)}`), '');
    if (result.idle.length > 0) out.push(...result.idle.map((event) => `- ${cell(say.idle(event))}`), '');
    return out.join('\n');
  });
  if (model.personas.length === 0) sections.push(`${words.none}\n`);
  return `# ${formatMessage(words.title, { name: cell(model.settings.name) }, locale)}\n\n${sections.join('\n')}`;
}

const moment = (value: Moment, locale: Locale) => ({ minute: value.minute, when: formatMoment(value, locale), timeKnown: value.timeKnown });

/** The documented JSON (docs/simulate.md): stable keys, in this order. */
export function formatSimulationJson(model: Model, results: readonly PersonaSimulation[]): string {
  const locale = model.settings.locale;
  const quiet = model.settings.quietHours;
  const caps = (model.settings.pressure ?? []).map((cap: PressureCap) => ({ ...(cap.channels ? { channels: cap.channels } : {}), max: cap.max, per: cap.per }));
  const document = {
    version: SIMULATE_FORMAT_VERSION,
    workspace: model.settings.name,
    pressure: caps,
    // In the documented key order, whatever order omni.yaml writes them in.
    quietHours: quiet ? { from: quiet.from, to: quiet.to, ...(quiet.channels ? { channels: quiet.channels } : {}) } : null,
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
      idle: result.idle.map((event) => ({ event: event.event, at: moment(event.at, locale), reason: event.reason, scenarios: event.scenarios })),
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
