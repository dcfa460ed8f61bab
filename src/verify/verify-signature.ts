// Verifies LINE's x-line-signature: base64 HMAC-SHA256 of the raw request body with the channel secret
// (https://developers.line.biz/en/reference/messaging-api/#signature-validation). Runs before parsing.
const encoder = new TextEncoder();

function decodeBase64(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return undefined;
  try {
    return Uint8Array.from(atob(text), (ch) => ch.charCodeAt(0));
  } catch {
    return undefined;
  }
}

/** True only for a signature made with `secret` over exactly `body`. Web Crypto's verify compares in constant time. */
export async function verifySignature(body: ArrayBuffer, signature: string | undefined, secret: string | undefined): Promise<boolean> {
  if (!signature || !secret) return false;
  const mac = decodeBase64(signature.trim());
  if (mac === undefined || mac.length !== 32) return false;
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
  return crypto.subtle.verify('HMAC', key, mac, body);
}

/** Signs a body as LINE does: used by the tests, the load test and the bench to send real webhooks. */
export async function signBody(body: string | ArrayBuffer, secret: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const data = typeof body === 'string' ? encoder.encode(body) : body;
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, data));
  return btoa(String.fromCharCode(...mac));
}
