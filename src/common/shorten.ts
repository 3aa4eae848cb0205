/** How long a quote of someone's words runs in a summary, a notification or a mention mail. */
export const QUOTE_LENGTH = 120;

/**
 * `text` as one line of at most `max` characters, cut with an ellipsis: a quote in a change's summary, a notification
 * or a line of a mail. Runs of white space (line breaks included) become single spaces. A character outside the
 * Basic Multilingual Plane (an emoji, a rare CJK character) is never cut in two.
 */
export function shorten(text: string, max = QUOTE_LENGTH): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length <= max) return line;
  let end = max - 1;
  const last = line.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${line.slice(0, end)}…`;
}
