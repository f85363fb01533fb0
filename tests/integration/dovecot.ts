// A real IMAP server for tests: Debian's dovecot (apt-get install -y dovecot-imapd) started in the foreground
// with a throw-away config in a temp folder: plain auth from a passwd-file, Maildir in the folder, 127.0.0.1 on a
// free port, no TLS, everything running as the current user (root in CI is allowed by first_valid_uid = 0).
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import {
  chmodSync,
  chownSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createServer, Socket } from "node:net";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import { allowPlainLoopbackMail } from "./smtp-test-server";

export type Dovecot = {
  host: string;
  port: number;
  user: string;
  password: string;
  /** Drops a message straight into the user's Maildir (as a mail server's delivery would). */
  deliver(raw: string | Buffer): void;
  stop(): Promise<void>;
};

const DOVECOT = "/usr/sbin/dovecot";

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function waitForGreeting(port: number, timeoutMs = 10_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const ok = await new Promise<boolean>((resolve) => {
      const sock = new Socket();
      sock.setTimeout(500);
      sock.once("data", (d) => {
        sock.destroy();
        resolve(d.toString().startsWith("* OK"));
      });
      sock.once("error", () => resolve(false));
      sock.once("timeout", () => {
        sock.destroy();
        resolve(false);
      });
      sock.connect(port, "127.0.0.1");
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`dovecot did not start on port ${port}`);
}

export async function startDovecot({
  user = "replies@example.test",
  password = "imap-secret",
} = {}): Promise<Dovecot> {
  allowPlainLoopbackMail();
  execFileSync(DOVECOT, ["--version"]); // a clear error when the package is missing
  const dir = mkdtempSync(join(tmpdir(), "retract-dovecot-"));
  const port = await freePort();
  const me = userInfo();
  const group = execFileSync("id", ["-gn"]).toString().trim();
  // As root (CI), dovecot's login processes must run as an unprivileged user: Debian's package creates dovenull.
  const loginUser = me.uid === 0 ? "dovenull" : me.username;
  chmodSync(dir, 0o755);
  // Dovecot never accesses mail as uid 0: as root, the Maildir belongs to the dovecot user instead.
  const mailUid = me.uid === 0 ? Number(execFileSync("id", ["-u", "dovecot"]).toString()) : me.uid;
  const mailGid = me.uid === 0 ? Number(execFileSync("id", ["-g", "dovecot"]).toString()) : me.gid;
  mkdirSync(join(dir, "run"));
  mkdirSync(join(dir, "mail"));
  writeFileSync(join(dir, "passwd"), `${user}:{PLAIN}${password}\n`);
  writeFileSync(
    join(dir, "dovecot.conf"),
    `base_dir = ${dir}/run
state_dir = ${dir}/run/state
instance_name = retract-test-${port}
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
log_path = ${dir}/run/dovecot.log
default_login_user = ${loginUser}
default_internal_user = ${me.username}
default_internal_group = ${group}
first_valid_uid = 0
mail_location = maildir:${dir}/mail/%u
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/passwd
}
userdb {
  driver = static
  args = uid=${mailUid} gid=${mailGid} home=${dir}/mail/%u
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
service stats {
  unix_listener stats-writer {
    mode = 0666
  }
}
`,
  );
  const child: ChildProcess = spawn(DOVECOT, ["-F", "-c", join(dir, "dovecot.conf")], { stdio: "ignore" });
  try {
    await waitForGreeting(port);
  } catch (e) {
    child.kill("SIGTERM");
    let log = "";
    try {
      log = readFileSync(join(dir, "run", "dovecot.log"), "utf8");
    } catch {}
    throw new Error(`${(e as Error).message}\n${log}`);
  }
  let n = 0;
  const maildir = join(dir, "mail", user);
  for (const sub of ["", "tmp", "new", "cur"]) {
    mkdirSync(join(maildir, sub), { recursive: true });
    chownSync(join(maildir, sub), mailUid, mailGid);
  }
  chownSync(join(dir, "mail"), mailUid, mailGid);
  return {
    host: "127.0.0.1",
    port,
    user,
    password,
    deliver(raw) {
      n += 1;
      const name = `${Date.now()}.M${n}P${process.pid}.retract-test`;
      writeFileSync(join(maildir, "tmp", name), raw);
      chownSync(join(maildir, "tmp", name), mailUid, mailGid);
      // Maildir delivery: write in tmp/, then move into new/ (rename is atomic).
      renameSync(join(maildir, "tmp", name), join(maildir, "new", name));
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
