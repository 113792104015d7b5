/** Runs the built `klara` command (dist/cli/main.js) in a child process, as a user runs it. */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";

export const ROOT = join(import.meta.dirname, "..", "..");
const MAIN = join(ROOT, "dist", "cli", "main.js");

/** Compiles src/ to dist/ once per test file; judged by its output (other work may not type-check). */
export function buildOnce(): void {
  spawnSync(process.execPath, [join(ROOT, "scripts", "build.mjs"), "--if-stale"], {
    cwd: ROOT,
    encoding: "utf8",
  });
  if (!existsSync(MAIN)) throw new Error("The build did not produce dist/cli/main.js");
}

/** One key for every process of a test file, as an operator sets it for `klara serve`. */
const ENCRYPTION_KEY = randomBytes(32).toString("base64");

function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, KLARA_ENCRYPTION_KEY: ENCRYPTION_KEY, ...extra };
  delete env.KLARA_ENCRYPTION_KEY_FILE;
  delete env.KLARA_DB;
  delete env.KLARA_PORT;
  return env;
}

const lines = (s: string) => s.split("\n").filter((l) => l.length > 0);

export interface Finished {
  code: number | null;
  stdout: string;
  out: string[];
  err: string[];
}

export function klara(cwd: string, ...args: string[]): Finished {
  const r = spawnSync(process.execPath, [MAIN, ...args], {
    cwd,
    env: cleanEnv({}),
    encoding: "utf8",
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, out: lines(r.stdout), err: lines(r.stderr) };
}

export interface Serving {
  url: string;
  out: string[];
  /** stops the server (SIGINT) and resolves with its exit code */
  stop(): Promise<number | null>;
}

/**
 * Starts `klara serve …` on a free port: resolves once it listens, or with how it ended when it
 * exits first (a refusal).
 */
export function serve(cwd: string, args: string[]): Promise<Serving | Finished> {
  const child: ChildProcess = spawn(process.execPath, [MAIN, "serve", "--port", "0", ...args], {
    cwd,
    env: cleanEnv({ KLARA_LOG_LEVEL: "silent" }),
  });
  let stdout = "";
  let stderr = "";
  child.stderr?.on("data", (d) => {
    stderr += d;
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`serve did not start in time: ${stdout} ${stderr}`));
    }, 120_000);
    child.stdout?.on("data", (d) => {
      stdout += d;
      const m = /listening on (\S+) /.exec(stdout);
      if (m && stdout.endsWith("\n")) {
        clearTimeout(timer);
        resolve({
          url: m[1]!,
          out: lines(stdout),
          stop: () => {
            child.kill("SIGINT");
            return exited;
          },
        });
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      resolve({ code, stdout, out: lines(stdout), err: lines(stderr) });
    });
  });
}

export const isServing = (s: Serving | Finished): s is Serving => "url" in s;
