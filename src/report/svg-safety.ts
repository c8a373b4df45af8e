/**
 * The report embeds diagram SVG as markup, so it must not carry active content. Mermaid
 * (securityLevel strict) escapes labels and sanitises its HTML labels; this check is the
 * report's own guard on top: a diagram with a script element, an event-handler attribute,
 * a javascript:/data: URL or an external reference is dropped, never embedded.
 */
const TAG = /<[^>]*>/g;
const ACTIVE_ELEMENT = /^<\s*\/?\s*(script|iframe|object|embed|link|meta|base|form|input|button|textarea|audio|video|image|img)\b/i;
const EVENT_ATTRIBUTE = /\son[a-z]+\s*=/i;
const URL_ATTRIBUTE = /\s(?:href|xlink:href|src|action|formaction)\s*=\s*(["']?)\s*(?!#)([^"'\s>]*)/gi;

export function unsafeSvgReason(svg: string): string | undefined {
  if (!/^\s*<svg[\s>]/i.test(svg)) return 'not an <svg> element';
  for (const match of svg.matchAll(TAG)) {
    const tag = match[0];
    if (ACTIVE_ELEMENT.test(tag)) return `active element ${tag.slice(0, 40)}`;
    if (EVENT_ATTRIBUTE.test(tag)) return 'event-handler attribute';
    if (/javascript:/i.test(tag)) return 'javascript: URL';
    for (const url of tag.matchAll(URL_ATTRIBUTE)) {
      const value = url[2] ?? '';
      if (value !== '') return `link to ${value.slice(0, 40)}`;
    }
  }
  // CSS inside the SVG's <style> may not fetch anything either.
  if (/@import|url\(\s*["']?\s*(?!#)[^)\s"']/i.test(svg)) return 'external reference in CSS';
  return undefined;
}
