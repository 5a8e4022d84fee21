/** Runs the tasks `width` at a time, starting the next as soon as one ends (as the engine's --parallel does). */
export async function pool(width: number, tasks: readonly (() => Promise<unknown>)[]): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) await tasks[next++]!();
  };
  await Promise.all(Array.from({ length: Math.min(width, tasks.length) }, worker));
}
