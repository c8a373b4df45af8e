// Characters XML 1.0 forbids even as references: C0 controls other than tab/LF/CR,
// lone surrogates (matched as code points thanks to the u flag), U+FFFE and U+FFFF.
const ILLEGAL_XML_CHARS = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text safe in XML content and in quoted attributes: illegal characters dropped, markup escaped. */
export function escapeXml(text: string): string {
  return text.replace(ILLEGAL_XML_CHARS, '').replace(/[&<>"']/g, (char) => XML_ENTITIES[char]!);
}

/** Like escapeXml, plus tab/LF/CR as references: parsers normalise them to spaces in attributes. */
export function escapeXmlAttribute(text: string): string {
  return escapeXml(text).replace(/[\t\n\r]/g, (char) => `&#${char.charCodeAt(0)};`);
}

const XML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};
