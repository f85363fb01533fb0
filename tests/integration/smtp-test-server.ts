// A real SMTP server on 127.0.0.1 for tests (smtp-server), keeping every accepted message parsed by mailparser.
// `reply` decides per DATA command whether to refuse it (451, 550 …) — the fault cases of the outbox tests; it may
// answer later (a promise), which holds the sender mid-send.
import type { AddressInfo } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { resetEnvForTests } from "~/env.server";

/**
 * These test servers (SMTP here, dovecot) speak plain text on 127.0.0.1. Retract refuses plain-text mail
 * connections unless the operator allows them for a loopback host, so starting one opts
 * the test in to that allowance, as an operator with a local relay would.
 */
export function allowPlainLoopbackMail() {
  process.env.RETRACT_MAIL_PLAIN_LOOPBACK = "true";
  resetEnvForTests();
}

export type Refusal = { code: number; message: string } | null;

export async function startSmtpServer(port = 0, onMessage?: (mail: ParsedMail) => void) {
  allowPlainLoopbackMail();
  const received: ParsedMail[] = [];
  const logins: { user: string; pass: string }[] = [];
  let dataCommands = 0;
  let reply: (n: number) => Refusal | Promise<Refusal> = () => null;
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ["STARTTLS"],
    authOptional: true,
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, cb) {
      logins.push({ user: auth.username ?? "", pass: auth.password ?? "" });
      cb(null, { user: auth.username });
    },
    onData(stream, _session, cb) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        dataCommands += 1;
        void Promise.resolve(reply(dataCommands)).then((refusal) => {
          if (refusal) {
            const err = Object.assign(new Error(refusal.message), { responseCode: refusal.code });
            cb(err);
            return;
          }
          simpleParser(Buffer.concat(chunks)).then(
            (mail) => {
              received.push(mail);
              onMessage?.(mail);
              cb();
            },
            (e: Error) => cb(e),
          );
        });
      });
    },
  });
  await new Promise<void>((ok) => server.listen(port, "127.0.0.1", ok));
  const address = (server.server as { address(): AddressInfo }).address();
  return {
    port: address.port,
    received,
    logins,
    refuse(fn: (n: number) => Refusal | Promise<Refusal>) {
      reply = fn;
    },
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

/** A port nothing listens on (a server that is down). */
export async function deadPort() {
  const s = await startSmtpServer();
  const port = s.port;
  await s.close();
  return port;
}
