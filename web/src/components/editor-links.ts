/**
 * Which link addresses the live editor accepts: web (http:, https:) and email (mailto:) only, the same schemes the
 * server keeps in a document's materialized HTML. Anything else (javascript:, data:, vbscript:, file:, …) is refused
 * whether it is typed in the link prompt, pasted, or arrives from another client.
 */
const ALLOWED_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/** A URL scheme at the start of an address ("javascript:"). */
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

/** Whitespace and control characters, which browsers drop from a URL: "java\tscript:" is "javascript:". */
const IGNORED_IN_URL = /[\u0000-\u0020\u007f-\u00a0\u1680\u180e\u2000-\u2029\u205f\u3000\ufeff]/g;

/**
 * Whether a link mark may carry this address. Without a scheme it must start with a letter or digit: a bare domain or
 * email address as the autolinker sees it ("un.org", which it completes to http://un.org); a relative or
 * protocol-relative address ("/x", "//host") is refused.
 */
export function isAllowedLinkHref(href: string | null | undefined): boolean {
  if (!href) return false;
  const bare = href.replace(IGNORED_IN_URL, '');
  const scheme = SCHEME.exec(bare);
  if (scheme) return ALLOWED_PROTOCOLS.has(`${scheme[1].toLowerCase()}:`);
  return /^[a-z0-9]/i.test(bare);
}

/**
 * The address a person typed in the link prompt, completed ("un.org" → "https://un.org", "name@fao.org" →
 * "mailto:name@fao.org") and checked, or the reason it is refused (the catalogue key of its words).
 */
export function linkFromInput(input: string): { href: string } | { error: string } {
  const typed = input.trim();
  if (!typed) return { error: 'toolbar.linkError.empty' };
  let href = typed;
  if (!SCHEME.test(typed.replace(IGNORED_IN_URL, ''))) {
    if (/^[^\s@/]+@[^\s@/]+\.[^\s@/]+$/.test(typed)) href = `mailto:${typed}`;
    else if (/^[a-z0-9][^\s/]*\.[a-z]{2,}(?:[/?#:]\S*)?$/i.test(typed)) href = `https://${typed}`;
    else return { error: 'toolbar.linkError.notAddress' };
  }
  if (!isAllowedLinkHref(href)) return { error: 'toolbar.linkError.refused' };
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return { error: 'toolbar.linkError.notAddress' };
  }
  if ((url.protocol === 'http:' || url.protocol === 'https:') && !url.hostname) return { error: 'toolbar.linkError.noSite' };
  if (url.protocol === 'mailto:' && !url.pathname.includes('@')) return { error: 'toolbar.linkError.noAt' };
  return { href };
}
