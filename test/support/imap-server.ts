/**
 * A real IMAP server for the mailbox tests: Debian's Dovecot, started on a loopback port with a
 * throwaway configuration (own base_dir, Maildir in a temp dir, one passwd-file user, plaintext
 * auth, no SSL). Without dovecot the suites skip and say why, except under KLARA_REQUIRE_ALL=1,
 * where they fail. `stop()`/`start()` take the server down and up again on the same port and
 * mailbox, for the tests of a connection dropped mid-fetch.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, Socket } from "node:net";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import { ImapFlow } from "imapflow";

const DOVECOT = process.env.KLARA_DOVECOT ?? "/usr/sbin/dovecot";
export const USER = "klager";
export const PASSWORD = "test-password";

/** Why the IMAP suites cannot run here, or null when they can. */
export function imapUnavailable(): string | null {
  if (!existsSync(DOVECOT)) {
    const why = `${DOVECOT} is missing (apt-get install dovecot-imapd)`;
    if (process.env.KLARA_REQUIRE_ALL === "1") throw new Error(`KLARA_REQUIRE_ALL=1 but ${why}.`);
    return why;
  }
  return null;
}

export interface TestImap {
  url: string;
  port: number;
  /** appends a raw RFC 5322 message to a folder (default INBOX), with an optional INTERNALDATE */
  append(raw: string | Buffer, options?: { folder?: string; date?: Date }): Promise<void>;
  /** the number of messages in a folder (0 when it does not exist) */
  count(folder: string): Promise<number>;
  /** stops the server: every open connection drops */
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

function uidOf(user: string): number {
  return Number(execFileSync("id", ["-u", user]).toString().trim());
}

async function waitForPort(port: number, up: boolean): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const open = await new Promise<boolean>((resolve) => {
      const s = new Socket();
      s.once("connect", () => {
        s.destroy();
        resolve(true);
      });
      s.once("error", () => resolve(false));
      s.connect(port, "127.0.0.1");
    });
    if (open === up) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`dovecot did not ${up ? "start" : "stop"} on port ${port}`);
}

/** Whether a process of the group led by `pgid` still runs (zombies excluded). */
function groupAlive(pgid: number): boolean {
  const table = execFileSync("ps", ["-e", "-o", "pgid=,stat="]).toString();
  return table
    .trim()
    .split("\n")
    .some((line) => {
      const [g, stat] = line.trim().split(/\s+/);
      return Number(g) === pgid && !stat?.startsWith("Z");
    });
}

export async function startImap(): Promise<TestImap> {
  const dir = mkdtempSync(join(tmpdir(), "klara-imap-"));
  chmodSync(dir, 0o755);
  const port = await freePort();
  const root = process.getuid?.() === 0;
  const mailUid = root ? uidOf("dovecot") : (process.getuid?.() ?? 0);
  const mailGid = root
    ? Number(execFileSync("id", ["-g", "dovecot"]).toString().trim())
    : (process.getgid?.() ?? 0);
  const home = join(dir, "home", USER);
  mkdirSync(home, { recursive: true });
  if (root) chownSync(home, mailUid, mailGid);
  writeFileSync(join(dir, "passwd"), `${USER}:{PLAIN}${PASSWORD}:${mailUid}:${mailGid}::${home}\n`);
  const users = root
    ? "default_internal_user = dovecot\ndefault_login_user = dovenull\n"
    : // not root: every dovecot process runs as the user who runs the tests
      `default_internal_user = ${userInfo().username}\ndefault_login_user = ${userInfo().username}\n`;
  const config = join(dir, "dovecot.conf");
  writeFileSync(
    config,
    `protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
info_log_path = ${dir}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
# a refused login answers at once (the default waits 2 s; the tests refuse on purpose)
auth_failure_delay = 0
${users}first_valid_uid = 1
mail_location = maildir:~/Maildir
namespace inbox {
  inbox = yes
  separator = /
}
passdb {
  driver = passwd-file
  args = ${dir}/passwd
}
userdb {
  driver = passwd-file
  args = ${dir}/passwd
}
service imap-login {
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
  # no growing delay (2, 4, 8 … 15 s) for an address that failed before: the tests refuse on purpose,
  # all from 127.0.0.1 (Dovecot's documented way to turn the penalty off)
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
service imap-login {
  chroot =
}
`,
  );
  let child: ChildProcess | null = null;

  const start = async () => {
    // its own process group, so that stop() kills the master and every process it started at
    // once: killed one by one, the master respawned a child before its own turn, and the orphan
    // kept the port and wrote into the directory that close() removes
    child = spawn(DOVECOT, ["-F", "-c", config], { stdio: "ignore", detached: true });
    await waitForPort(port, true);
  };
  const stop = async () => {
    const c = child;
    child = null;
    if (!c?.pid || c.exitCode !== null) return;
    const exited = new Promise((r) => c.once("exit", r));
    try {
      process.kill(-c.pid, "SIGKILL");
    } catch {
      // already gone
    }
    await exited;
    // the group's other members are reaped a moment after their master (a zombie, never
    // reaped where pid 1 does not reap, writes nothing and holds no port)
    for (let i = 0; i < 100 && groupAlive(c.pid); i++) await new Promise((r) => setTimeout(r, 20));
    await waitForPort(port, false);
  };

  const client = () =>
    new ImapFlow({
      host: "127.0.0.1",
      port,
      secure: false,
      auth: { user: USER, pass: PASSWORD },
      logger: false,
    });

  await start();
  return {
    url: `imap://${USER}:${PASSWORD}@127.0.0.1:${port}/INBOX`,
    port,
    async append(raw, options = {}) {
      const c = client();
      await c.connect();
      try {
        await c.append(options.folder ?? "INBOX", raw, [], options.date);
      } finally {
        await c.logout();
      }
    },
    async count(folder) {
      const c = client();
      await c.connect();
      try {
        const status = await c.status(folder, { messages: true });
        return status ? (status.messages ?? 0) : 0;
      } catch {
        return 0;
      } finally {
        await c.logout();
      }
    },
    stop,
    start,
    async close() {
      await stop();
      // a killed child may still be going away: retry a directory that is not yet empty
      rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    },
  };
}
