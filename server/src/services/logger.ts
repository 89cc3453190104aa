/**
 * Server log, written to the client's output channel. PHI rule: document text is never logged unless
 * the trace level is "verbose"; use `text()` for anything that may contain note text.
 */
import type { Connection } from 'vscode-languageserver';

export type TraceLevel = 'off' | 'messages' | 'verbose';

export class Logger {
  level: TraceLevel = 'off';
  constructor(private readonly connection: Connection) {}

  info(msg: string): void {
    this.connection.console.info(msg);
  }
  warn(msg: string): void {
    this.connection.console.warn(msg);
  }
  error(msg: string, err?: unknown): void {
    let detail: unknown = err;
    if (err instanceof Error) {
      // an exception message may quote document text (PHI): shown only at trace "verbose"; the stack's
      // frames (code locations) are kept
      const frames = (err.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l));
      const message =
        this.level === 'verbose' ? err.message : '(message hidden; set clinicalCoding.trace.server to "verbose")';
      detail = `${err.name}: ${message}${frames.length ? '\n' + frames.join('\n') : ''}`;
    } else if (err !== undefined && this.level !== 'verbose') detail = '(details hidden; trace "verbose" shows them)';
    this.connection.console.error(detail === undefined ? msg : `${msg}: ${String(detail)}`);
  }
  /** logged when trace is messages or verbose; must not contain document text */
  trace(msg: string): void {
    if (this.level !== 'off') this.connection.console.log(msg);
  }
  /** document text: logged only when trace is verbose */
  text(label: string, text: string): void {
    if (this.level === 'verbose') this.connection.console.log(`${label}: ${JSON.stringify(text.slice(0, 2000))}`);
  }
}
