/**
 * A real SMTP server in the test process (smtp-server) on a loopback port: it keeps every message
 * it accepts, parsed (mailparser), and can refuse the next messages with a 4xx reply or answer slowly.
 */
import type { AddressInfo } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface TestSmtp {
  url: string;
  received: ParsedMail[];
  /** refuse this many of the next messages with `451 Try again later` */
  refuseNext(count: number): void;
  /** refuse every message from now on (until refuseNext(0)) */
  refuseAll(on: boolean): void;
  /** wait this long before accepting each message */
  delay(ms: number): void;
  close(): Promise<void>;
}

export async function startSmtp(): Promise<TestSmtp> {
  const received: ParsedMail[] = [];
  let refuse = 0;
  let refuseAlways = false;
  let delayMs = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        void (async () => {
          if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
          if (refuseAlways || refuse > 0) {
            if (refuse > 0) refuse -= 1;
            const error = Object.assign(new Error("Try again later"), { responseCode: 451 });
            callback(error);
            return;
          }
          received.push(await simpleParser(Buffer.concat(chunks)));
          callback();
        })();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    refuseNext: (n) => {
      refuse = n;
    },
    refuseAll: (on) => {
      refuseAlways = on;
    },
    delay: (ms) => {
      delayMs = ms;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
