import { type AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  raw: string;
  parsed: ParsedMail;
}

/**
 * A real SMTP server on a loopback port that keeps every mail it accepts, parsed by mailparser. `refuse` makes it
 * answer a recipient with a permanent 550; close() and listen() again on the same port simulate an outage.
 */
export class SmtpSink {
  readonly received: ReceivedMail[] = [];
  readonly refuse = new Set<string>();
  private server: SMTPServer | undefined;
  port = 0;

  async listen(port = 0): Promise<this> {
    const options: SMTPServerOptions = {
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo: (address, _session, callback) => {
        if (this.refuse.has(address.address)) {
          const error = new Error('No such mailbox here') as Error & { responseCode: number };
          error.responseCode = 550;
          callback(error);
          return;
        }
        callback();
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          simpleParser(raw)
            .then((parsed) => {
              this.received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw, parsed });
              callback();
            })
            .catch((error: Error) => callback(error));
        });
      },
    };
    this.server = new SMTPServer(options);
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  to(address: string): ReceivedMail[] {
    return this.received.filter((m) => m.to.includes(address));
  }

  /** The secret of the newest mail's link to `address` (`…?token=…`), read the way the addressee clicks it. */
  linkToken(address: string): string {
    const mail = this.to(address).at(-1);
    if (!mail) throw new Error(`No mail to ${address} has arrived.`);
    const match = /token=([\w%-]+)/.exec(mail.parsed.text ?? '');
    if (!match) throw new Error(`The newest mail to ${address} carries no link.`);
    return decodeURIComponent(match[1]);
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
