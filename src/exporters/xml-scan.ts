/**
 * Elements of a part's XML, found by scanning forward only. A lazy regex such as
 * `<c…>([\s\S]*?)</c>` searches to the end of the text again from every `<c` it tries: a
 * 16 kB workbook whose sheet holds a row of 200,000 unclosed `<c r="A1">` took 85 s to
 * import. Here every search starts where the last one stopped, and an element left open ends
 * the scan (nothing after it could be read as XML anyway), so the cost is linear in the text.
 */

export interface ScannedElement {
  /** The opening tag, `<` to `>` (its attributes). */
  open: string;
  /** What lies between the tags; undefined when the element closes itself (`<c r="A1"/>`). */
  body: string | undefined;
  /** Where the element starts and ends in the text (end: just past its closing tag). */
  start: number;
  end: number;
}

/** The opening tags of each name (any namespace prefix), as one regex each: engines find `<` fast. */
const OPENINGS = new Map<string, RegExp>();

/** The next opening tag of `name` (any namespace prefix) at or after `from`: its start and qualified name. */
function nextOpen(xml: string, name: string, from: number): { start: number; qualified: string } | undefined {
  let opening = OPENINGS.get(name);
  // No backtracking to speak of: a prefix is one run of name characters, tried once per `<`.
  if (!opening) OPENINGS.set(name, (opening = new RegExp(`<((?:[\\w.-]+:)?${name})(?=[\\s/>])`, 'g')));
  opening.lastIndex = from;
  const match = opening.exec(xml);
  return match ? { start: match.index, qualified: match[1]! } : undefined;
}

/** Where `</qualified>` (spaces allowed before `>`) starts and ends, at or after `from`. */
function closeOf(xml: string, qualified: string, from: number): { start: number; end: number } | undefined {
  const needle = `</${qualified}`;
  for (let at = xml.indexOf(needle, from); at >= 0; at = xml.indexOf(needle, at + 1)) {
    let end = at + needle.length;
    while (end < xml.length && (xml[end] === ' ' || xml[end] === '\t' || xml[end] === '\n' || xml[end] === '\r')) end++;
    if (xml[end] === '>') return { start: at, end: end + 1 };
  }
  return undefined;
}

/** Each `name` element of `xml` in order (not those nested in one of the same name), until one is left open. */
export function* elementsOf(xml: string, name: string): Generator<ScannedElement> {
  let from = 0;
  for (;;) {
    const open = nextOpen(xml, name, from);
    if (!open) return;
    const headEnd = xml.indexOf('>', open.start);
    if (headEnd < 0) return;
    const tag = xml.slice(open.start, headEnd + 1);
    if (xml[headEnd - 1] === '/') {
      yield { open: tag, body: undefined, start: open.start, end: headEnd + 1 };
      from = headEnd + 1;
      continue;
    }
    const close = closeOf(xml, open.qualified, headEnd + 1);
    if (!close) return;
    yield { open: tag, body: xml.slice(headEnd + 1, close.start), start: open.start, end: close.end };
    from = close.end;
  }
}

/** The first `name` element of `xml`, if any is complete. */
export function firstElement(xml: string, name: string): ScannedElement | undefined {
  for (const element of elementsOf(xml, name)) return element;
  return undefined;
}

/** `xml` without its `name` elements (phonetic runs of a string item, say), in one pass. */
export function withoutElements(xml: string, name: string): string {
  let kept = '';
  let from = 0;
  for (const element of elementsOf(xml, name)) {
    kept += xml.slice(from, element.start);
    from = element.end;
  }
  return kept + xml.slice(from);
}
