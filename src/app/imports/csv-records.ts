/** A record longer than this is cut there (it is then rejected as unterminated), so memory stays bounded. */
export const MAX_CSV_RECORD_CHARS = 1_048_576;

/**
 * File lines into CSV records (RFC 4180): a line ending inside a quoted field continues on
 * the next line, the line break kept in the field (as `\n`). A quote opens a field only at
 * its start and `""` inside one is a quote, as csvFields reads them.
 */
export class CsvRecords {
  private startLine = 0;
  private parts: string[] = [];
  private size = 0;

  /** The next file line; the record it completes, if it does. */
  push(lineNo: number, text: string): { lineNo: number; content: string } | undefined {
    const inQuotes = this.parts.length > 0;
    if (!inQuotes) this.startLine = lineNo;
    this.parts.push(text);
    this.size += text.length + 1;
    if (endsInsideQuotes(text, inQuotes) && this.size <= MAX_CSV_RECORD_CHARS) return undefined;
    return this.take();
  }

  /** At the end of the file: a record still open (its quote never closed), as it is. */
  end(): { lineNo: number; content: string } | undefined {
    return this.parts.length > 0 ? this.take() : undefined;
  }

  private take(): { lineNo: number; content: string } {
    const record = { lineNo: this.startLine, content: this.parts.join('\n') };
    this.parts = [];
    this.size = 0;
    return record;
  }
}

/** Whether a quoted field is still open at the end of `text`, given whether one was open at its start. */
export function endsInsideQuotes(text: string, openAtStart: boolean): boolean {
  let quoted = openAtStart;
  let fieldStart = !openAtStart;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') i++;
        else quoted = false;
      }
      continue;
    }
    if (c === '"' && fieldStart) quoted = true;
    fieldStart = c === ',';
  }
  return quoted;
}
