// The engine that started this provider process must still be there for a Graph request to be sent: a
// write whose answer nobody records is a duplicate or an orphan in the making. The Pulumi CLI starts the
// dynamic-provider process in a process group of its own, so a CLI killed with SIGKILL (a cancelled CI job,
// an out-of-memory kill) does not take it along: without this it would go on creating chats for minutes.
// The process is given the engine's gRPC address as its first argument
// (@pulumi/pulumi/cmd/dynamic-provider); a connection to it closes when the engine's process dies, and a
// new one is then refused. See docs/interruption.md.
import { connect, type Socket } from "node:net";

let gone: string | undefined;
let watching = false;

/** Why the engine is known to be gone, or undefined while it is there (or not watched). */
export function engineGone(): string | undefined {
  return gone;
}

/** The error of a request stopped because the engine is gone; nothing was sent. */
export class EngineGoneError extends Error {
  override readonly name = "EngineGoneError";
}

/** Throws EngineGoneError when the engine is gone: called before every Graph request is sent. */
export function assertEngineAlive(what: string): void {
  if (gone !== undefined) throw new EngineGoneError(`not sending ${what}: ${gone}`);
}

/** `host:port` of the engine from the dynamic-provider's argv, or undefined in any other process. */
export function engineAddress(
  argv: readonly string[] = process.argv,
): { host: string; port: number } | undefined {
  if (!/[\\/]cmd[\\/]dynamic-provider([\\/]index\.js)?$/.test(argv[1] ?? "")) return undefined;
  const m = /^(.+):(\d+)$/.exec(argv[2] ?? "");
  return m ? { host: m[1]!.replace(/^\[|\]$/g, ""), port: Number(m[2]) } : undefined;
}

/**
 * Watches the engine at `address` (default: this process's engine, if it is a dynamic-provider process):
 * a connection is held open to it, and when it closes a new one is tried; refused means the engine is
 * gone, and the process exits after `onGone` (default: a message on stderr). A connection the engine
 * closes while alive (an idle one it does not want) is simply opened again.
 */
export function watchEngine(
  address = engineAddress(),
  onGone: (why: string) => void = (why) => {
    process.stderr.write(`pulumi-msteams: ${why}; stopping before any further Graph request.\n`);
    process.exit(1);
  },
): void {
  if (!address || watching) return;
  watching = true;
  const where = `${address.host}:${address.port}`;
  const hold = (): void => {
    const s: Socket = connect(address.port, address.host);
    s.unref();
    let opened = 0;
    s.on("connect", () => {
      opened = performance.now();
    });
    s.on("data", () => undefined);
    s.on("error", () => undefined);
    s.on("close", () => {
      if (opened) {
        // Was up: look again at once, unless it keeps closing young (then at most 20 times a second).
        if (performance.now() - opened < 1000) setTimeout(hold, 50).unref();
        else setImmediate(hold);
        return;
      }
      gone = `the Pulumi engine that started this provider (${where}) is gone`;
      onGone(gone);
    });
  };
  hold();
}
