import { wordMessage, type WordedMessage } from '../i18n/index.js';

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

/** Why an SVG may not be embedded, named (src/i18n, cli.messages), or undefined when it is safe. */
export function unsafeSvg(svg: string): WordedMessage | undefined {
  if (!/^\s*<svg[\s>]/i.test(svg)) return { messageId: 'svgNotSvg' };
  for (const match of svg.matchAll(TAG)) {
    const tag = match[0];
    if (ACTIVE_ELEMENT.test(tag)) return { messageId: 'svgActiveElement', data: { tag: tag.slice(0, 40) } };
    if (EVENT_ATTRIBUTE.test(tag)) return { messageId: 'svgEventHandler' };
    if (/javascript:/i.test(tag)) return { messageId: 'svgJavascriptUrl' };
    for (const url of tag.matchAll(URL_ATTRIBUTE)) {
      const value = url[2] ?? '';
      if (value !== '') return { messageId: 'svgLink', data: { url: value.slice(0, 40) } };
    }
  }
  // CSS inside the SVG's <style> may not fetch anything either.
  if (/@import|url\(\s*["']?\s*(?!#)[^)\s"']/i.test(svg)) return { messageId: 'svgCssReference' };
  return undefined;
}

/** The reason in English (for logs and tests), or undefined when the SVG is safe. */
export function unsafeSvgReason(svg: string): string | undefined {
  const reason = unsafeSvg(svg);
  return reason && wordMessage(reason, 'en');
}
