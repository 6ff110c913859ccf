/** The characters of Windows-1252 beyond Latin-1: what the standard PDF fonts can show besides it. */
const winAnsiExtras = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

/**
 * Text the standard (non-embedded) fonts can show: Windows-1252. Other characters become "?",
 * control characters a space; so that no glyph silently turns into something else.
 */
export function pdfSafe(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x20 || (code >= 0x7f && code < 0xa0)) out += ' ';
    else if (code <= 0xff || winAnsiExtras.has(char)) out += char;
    else out += '?';
  }
  return out;
}

/** `text` cut (with an ellipsis) to fit `width` as measured by `measure`. */
export function fitText(text: string, width: number, measure: (text: string) => number): string {
  if (measure(text) <= width) return text;
  const chars = [...text];
  let low = 0;
  let high = chars.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (measure(`${chars.slice(0, mid).join('')}…`) <= width) low = mid;
    else high = mid - 1;
  }
  return `${chars.slice(0, low).join('')}…`;
}

const amount = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** 1234.5 → "1,234.50". */
export function formatAmount(value: number): string {
  return amount.format(value);
}

/** Adds values in cents, so a total of amounts is exact and does not depend on the order of small errors. */
export function totalOf(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + Math.round(value * 100), 0) / 100;
}
