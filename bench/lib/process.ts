/**
 * Child processes for the benchmarks: paths, a watchdog, cleanup on every way out, a free port,
 * starting a server and waiting for GET /healthz, stopping it, and its peak resident memory.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { closeSync, openSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The checkout: dist-bench/lib/… → two levels up. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const KLARA_CLI = path.resolve(
  ROOT,
  process.env["KLARA_BENCH_CLI"] ?? path.join("dist", "cli", "main.js"),
);
export const HOST = "127.0.0.1";

const children = new Set<ChildProcess>();
const cleanups: (() => void)[] = [];
let installed = false;

/** Runs `fn` (synchronously) when the process exits, however it exits; last registered runs first. */
export function onExit(fn: () => void): void {
  cleanups.unshift(fn);
}

function killChildren(): void {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  }
}

/**
 * Kills every child left and runs the exit hooks on exit, SIGINT and SIGTERM, and gives up after
 * `watchdogMs` so that a hung benchmark never runs on unbounded.
 */
export function installExitHandlers(name: string, watchdogMs: number): void {
  if (installed) return;
  installed = true;
  process.on("exit", () => {
    killChildren();
    for (const fn of cleanups.splice(0)) {
      try {
        fn();
      } catch {
        // best effort on the way out
      }
    }
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      console.error(`\n${name}: ${signal}, stopping`);
      process.exit(130);
    });
  }
  setTimeout(() => {
    console.error(`${name}: still running after ${watchdogMs / 60000} minutes; giving up`);
    process.exit(2);
  }, watchdogMs).unref();
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The last lines of a log file, for error messages. */
export function tail(file: string, lines = 20): string {
  try {
    return readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

export interface Server {
  child: ChildProcess;
  port: number;
  log: string;
}

/** Starts `node <args> --port <free port>` and waits until GET /healthz answers 200 (30 s at most). */
export async function startServer(
  label: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  log: string,
): Promise<Server> {
  const port = await freePort();
  const fd = openSync(log, "a");
  const child = spawn(process.execPath, [...args, "--port", String(port)], {
    cwd: ROOT,
    env,
    stdio: ["ignore", fd, fd],
  });
  closeSync(fd);
  children.add(child);
  child.once("exit", () => children.delete(child));

  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `${label} exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${tail(log)}`,
      );
    }
    try {
      const response = await fetch(`http://${HOST}:${port}/healthz`, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return { child, port, log };
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  child.kill("SIGKILL");
  throw new Error(`${label} did not answer GET /healthz within 30 s:\n${tail(log)}`);
}

/** SIGTERM, then SIGKILL after 10 s. */
export async function stopServer(server: Server): Promise<void> {
  const { child } = server;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timedOut = await Promise.race([exited.then(() => false), sleep(10_000).then(() => true)]);
  if (timedOut) {
    child.kill("SIGKILL");
    await exited;
  }
}

/** Runs Klara's CLI to completion (`node dist/cli/main.js …`) and returns its stdout; throws on failure. */
export function runKlaraCli(args: string[], env: NodeJS.ProcessEnv, timeoutMs = 120_000): string {
  const result = spawnSync(process.execPath, [KLARA_CLI, ...args], {
    cwd: ROOT,
    env,
    encoding: "utf8",
    timeout: timeoutMs,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) {
    throw new Error(
      `klara ${args.join(" ")} failed (exit ${result.status ?? result.signal}):\n${result.stderr}${result.stdout}`,
    );
  }
  return result.stdout;
}

/** Peak resident set size in MB: VmHWM from /proc, with VmRSS samples as a fallback. */
export class RssWatch {
  private peakKb = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly pid: number) {
    this.timer = setInterval(() => this.sample(), 200);
    this.timer.unref();
  }

  private sample(): void {
    try {
      const status = readFileSync(`/proc/${this.pid}/status`, "utf8");
      for (const key of ["VmHWM", "VmRSS"]) {
        const match = new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(status);
        if (match) this.peakKb = Math.max(this.peakKb, Number(match[1]));
      }
    } catch {
      // process gone or no /proc
    }
  }

  stop(): number {
    this.sample();
    clearInterval(this.timer);
    return this.peakKb / 1024;
  }
}
