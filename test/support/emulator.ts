import { afterAll, beforeAll, beforeEach } from "vitest";
import { type EmulatorOptions, type RunningEmulator, startEmulator } from "../../emulator";

/**
 * One emulator for the test file: started on port 0 in beforeAll, reset before each test (then
 * `eachTest` runs), closed after all. Returns a getter, since the emulator exists only once beforeAll ran.
 */
export function useEmulatorFor(
  options: EmulatorOptions = {},
  eachTest: (emu: RunningEmulator) => void = () => {},
): () => RunningEmulator {
  let emu: RunningEmulator | undefined;
  beforeAll(async () => {
    emu = await startEmulator({ port: 0, ...options });
  });
  afterAll(() => emu?.close());
  beforeEach(() => {
    emu!.reset();
    eachTest(emu!);
  });
  return () => emu!;
}
