import type { JsonPath, PendingDiagnostic } from '../diagnostics/types.js';
import { ruleMessage, type MessageData } from '../i18n/index.js';
import { decodeUtf8 } from '../loader/decode.js';
import type { FileContent } from '../loader/discover.js';
import { parseYaml } from '../loader/parse-yaml.js';
import { SECTION_KINDS } from '../model/types.js';
import { closestMatch } from '../util/closest-match.js';
import { getValidator, validateWith, type Validator } from '../schema/validate.js';

/** What reading one model file gives: its data when it parsed, and its problems. */
export interface FileOutcome {
  file: string;
  /** The parsed document; undefined when the file could not be read as YAML. */
  data?: unknown;
  /** Entity paths (`[section, index]`) the schema rejected. */
  invalidPaths: JsonPath[];
  diagnostics: PendingDiagnostic[];
  /** The decoded text, when it could be decoded. */
  text?: string;
  /** The fast YAML reader read the whole text (its positions can be found entry by entry). */
  simple?: true;
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

/** Whether bytes are UTF-16 text: its byte-order mark, or a NUL in every other byte of the start (ASCII in UTF-16). */
function isUtf16(bytes: Uint8Array): boolean {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) return true;
  const sample = Math.min(bytes.length, 64) & ~1;
  if (sample < 8) return false;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < sample; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  return Math.max(evenZeros, oddZeros) * 2 >= sample * 0.9 && Math.min(evenZeros, oddZeros) === 0;
}

/** Decode → parse → validate one file. */
export function readModelFile(file: string, content: FileContent, maxFileBytes: number, validator: Validator, schema: 'model' | 'config' = 'model'): FileOutcome {
  const outcome: FileOutcome = { file, invalidPaths: [], diagnostics: [] };
  const size = content instanceof Uint8Array ? content.length : content.tooLarge;
  if (!(content instanceof Uint8Array) || size > maxFileBytes) {
    outcome.diagnostics.push(syntaxDiagnostic(file, 'tooLarge', 'splitOrRaise', { size: mib(size), limit: mib(maxFileBytes) }));
    return outcome;
  }
  // Saved as UTF-16 (Windows' "Unicode" text, some exports): a byte-order mark, or every other
  // byte zero in ASCII text. Said as such rather than as its first bad byte or a NUL character.
  if (isUtf16(content)) {
    outcome.diagnostics.push(syntaxDiagnostic(file, 'utf16', 'saveAsUtf8', {}));
    return outcome;
  }
  const decoded = decodeUtf8(content);
  if (!decoded.ok) {
    const hex = (byte: number) => `0x${byte.toString(16).padStart(2, '0')}`;
    const bytes = decoded.sequence.length > 1 ? decoded.sequence.map(hex).join(' ') : hex(decoded.byte);
    outcome.diagnostics.push(
      syntaxDiagnostic(file, decoded.sequence.length > 1 ? 'invalidUtf8Sequence' : 'invalidUtf8', 'saveAsUtf8', { byte: bytes }, decoded.position),
    );
    return outcome;
  }
  const text = decoded.text;
  outcome.text = text;
  const parsed = parseYaml(text, file);
  if (!parsed.ok) {
    const location = 'range' in parsed ? { file, path: [], range: parsed.range } : { file, path: parsed.path };
    const { messageId, suggestionId, data } = parsed;
    outcome.diagnostics.push({
      ruleId: 'yaml-syntax',
      message: ruleMessage('yaml-syntax', messageId, data, 'en'),
      ...(suggestionId ? { suggestion: ruleMessage('yaml-syntax', suggestionId, data, 'en'), suggestionId } : {}),
      messageId,
      data,
      location,
    });
    return outcome;
  }
  outcome.data = parsed.data ?? {};
  if (parsed.simple) outcome.simple = true;
  outcome.diagnostics = validateWith(validator, schema, outcome.data, file);
  // A schema problem under a key taints the whole entity it is in, not just the key.
  outcome.invalidPaths = outcome.diagnostics.map((problem) => problem.location.path.slice(0, 2));
  if (schema === 'model' && outcome.diagnostics.length > 0) readMisspelledSections(outcome);
  return outcome;
}

/**
 * A misspelled section (`target:` for `targets:`) is already one "did you mean" finding; its
 * entries are handed to the model under the intended name but marked invalid, so that the
 * scenarios referring to them do not each get an "unknown target" finding too.
 */
function readMisspelledSections(outcome: FileOutcome): void {
  const data = outcome.data;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return;
  const known = new Set<string>(SECTION_KINDS);
  const renamed: Record<string, unknown> = {};
  for (const key of Object.keys(data)) {
    const value = (data as Record<string, unknown>)[key];
    if (known.has(key) || !Array.isArray(value)) continue;
    const intended = closestMatch(key, SECTION_KINDS);
    if (!intended || Object.hasOwn(data, intended) || Object.hasOwn(renamed, intended)) continue;
    renamed[intended] = value;
  }
  const sections = Object.keys(renamed);
  if (sections.length === 0) return;
  outcome.data = { ...(data as Record<string, unknown>), ...renamed };
  for (const section of sections) outcome.invalidPaths.push([section]);
}

function syntaxDiagnostic(file: string, messageId: string, suggestionId: string, data: MessageData, position = { line: 1, column: 1 }): PendingDiagnostic {
  return {
    ruleId: 'yaml-syntax',
    message: ruleMessage('yaml-syntax', messageId, data, 'en'),
    suggestion: ruleMessage('yaml-syntax', suggestionId, data, 'en'),
    messageId,
    suggestionId,
    data,
    location: { file, path: [], range: { start: position, end: position } },
  };
}

/** Reads a shared config (`extends:`) as omni.yaml is read: what config's resolver is given. */
export async function readConfigFile(name: string, content: Uint8Array, maxFileBytes: number): Promise<FileOutcome> {
  return readModelFile(name, content, maxFileBytes, await getValidator('config'), 'config');
}
