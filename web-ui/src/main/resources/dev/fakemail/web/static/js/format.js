// Formatting of sizes and times for display.

export function size(octets) {
  if (octets < 1024) {
    return octets + ' B';
  }
  if (octets < 1024 * 1024) {
    return (octets / 1024).toFixed(1) + ' KB';
  }
  return (octets / (1024 * 1024)).toFixed(1) + ' MB';
}

const timeOnly = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
const dateOnly = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
const full = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/** Time of day for today, the date otherwise. */
export function shortTime(iso) {
  const date = new Date(iso);
  if (isNaN(date.getTime())) {
    return String(iso);
  }
  const today = new Date();
  return date.toDateString() === today.toDateString() ? timeOnly.format(date) : dateOnly.format(date);
}

export function longTime(iso) {
  const date = new Date(iso);
  return isNaN(date.getTime()) ? String(iso) : full.format(date);
}

/** Milliseconds between two ISO times, as "+12 ms" or "+1.2 s". */
export function offset(fromIso, toIso) {
  const millis = new Date(toIso).getTime() - new Date(fromIso).getTime();
  if (isNaN(millis)) {
    return '';
  }
  return millis < 1000 ? '+' + millis + ' ms' : '+' + (millis / 1000).toFixed(1) + ' s';
}

export function plural(count, one, many) {
  return count.toLocaleString() + ' ' + (count === 1 ? one : many);
}

// Bidi controls (LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI, LRM, RLM, ALM) and the BOM: invisible, yet
// "invoice\u202Efdp.exe" shows as "invoiceexe.pdf". The download header drops the same characters.
const INVISIBLE_FORMATTING = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\uFEFF]/g;

/** A file name as it really is: without the invisible characters that reorder what is shown. */
export function fileName(name) {
  return name.replace(INVISIBLE_FORMATTING, '');
}
