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

const NAME_CHAR = /[\w:.-]/;

/** The next opening tag of `name` (any namespace prefix) at or after `from`: its start and qualified name. */
function nextOpen(xml: string, name: string, from: number): { start: number; qualified: string } | undefined {
  for (let at = xml.indexOf('<', from); at >= 0; at = xml.indexOf('<', at + 1)) {
    let end = at + 1;
    while (end < xml.length && end - at <= 128 && NAME_CHAR.test(xml[end]!)) end++;
    const qualified = xml.slice(at + 1, end);
    const colon = qualified.lastIndexOf(':');
    if ((colon < 0 ? qualified : qualified.slice(colon + 1)) !== name) continue;
    const next = xml[end];
    if (next === '>' || next === '/' || next === ' ' || next === '\t' || next === '\n' || next === '\r') return { start: at, qualified };
  }
  return undefined;
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
