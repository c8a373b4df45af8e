import type { JsonPath, PendingDiagnostic } from '../diagnostics/types.js';
import { ruleMessage, type MessageData } from '../i18n/index.js';
import { decodeUtf8 } from '../loader/decode.js';
import type { FileContent } from '../loader/discover.js';
import { parseYaml } from '../loader/parse-yaml.js';
import { validateWith, type Validator } from '../schema/validate.js';

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
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

/** Decode → parse → validate one file. */
export function readModelFile(file: string, content: FileContent, maxFileBytes: number, validator: Validator, schema: 'model' | 'config' = 'model'): FileOutcome {
  const outcome: FileOutcome = { file, invalidPaths: [], diagnostics: [] };
  const size = content instanceof Uint8Array ? content.length : content.tooLarge;
  if (!(content instanceof Uint8Array) || size > maxFileBytes) {
    outcome.diagnostics.push(syntaxDiagnostic(file, 'tooLarge', 'splitOrRaise', { size: mib(size), limit: mib(maxFileBytes) }));
    return outcome;
  }
  const decoded = decodeUtf8(content);
  if (!decoded.ok) {
    const hex = decoded.byte.toString(16).padStart(2, '0');
    outcome.diagnostics.push(syntaxDiagnostic(file, 'invalidUtf8', 'saveAsUtf8', { byte: `0x${hex}` }, decoded.position));
    return outcome;
  }
  const text = decoded.text;
  outcome.text = text;
  const parsed = parseYaml(text, file);
  if (!parsed.ok) {
    outcome.diagnostics.push({ ruleId: 'yaml-syntax', message: parsed.message, location: { file, path: [], range: parsed.range } });
    return outcome;
  }
  outcome.data = parsed.data ?? {};
  outcome.diagnostics = validateWith(validator, schema, outcome.data, file);
  // A schema problem under a key taints the whole entity it is in, not just the key.
  outcome.invalidPaths = outcome.diagnostics.map((problem) => problem.location.path.slice(0, 2));
  return outcome;
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
