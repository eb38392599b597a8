// Waiting on a real process without timing anything: ask again until the answer is there.

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Probes every 250 ms until it answers something; after `ms` without an answer, the test fails. */
export const until = async <A>(
  what: string,
  probe: () => Promise<A | undefined>,
  ms = 30_000,
): Promise<A> => {
  const deadline = Date.now() + ms
  for (;;) {
    const found = await probe()
    if (found !== undefined) return found
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await sleep(250)
  }
}
