// X-Line-Retry-Key values (a UUID, LINE's requirement) made from a seed, so every later try of the same
// message — inline, from the outbox, after a redelivery — carries the same key and LINE delivers it once.

export async function retryKeyFor(seed: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`nerima-navi:retry:${seed}`)));
  const h = Array.from(digest.slice(0, 16), (b) => b.toString(16).padStart(2, '0')).join('');
  // Version 4 and variant bits set, so LINE (which checks the UUID form) accepts it.
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((Number.parseInt(h.slice(16, 17), 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
