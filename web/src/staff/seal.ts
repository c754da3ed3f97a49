// The visa's seal, read and checked in the page (R11), so a border officer can verify a visa when the network is
// poor. The format is VisaSealCodec's (functions/EVisa.Core/Documents): EV1.{kid}.{base64url(payload)}.{base64url(sig)},
// the payload twelve UTF-8 fields joined by U+001F, the signature ECDSA P-256 SHA-256 in IEEE P1363 form (r‖s, the
// form WebCrypto verifies) over the ASCII of "EV1.{kid}.{payload}". The keys are the JWK set of GET /api/visa-keys,
// kept in localStorage (public keys only) so the check works offline with the last set this device saw.

export interface SealData {
  visaNumber: string;
  passportNumber: string;
  surname: string;
  givenNames: string;
  nationality: string;
  dateOfBirth: string;
  sex: string;
  category: string;
  validFrom: string;
  validUntil: string;
  entries: number;
  invitationNumber: string;
}

export type SealFailure = "malformed" | "unknown-key" | "bad-signature";

export type SealCheck =
  | { valid: true; keyId: string; data: SealData }
  | { valid: false; failure: SealFailure; keyId: string | null };

interface Jwk {
  kty?: string;
  crv?: string;
  x?: string;
  y?: string;
  kid?: string;
}

export interface KeySet {
  keys: Jwk[];
  /** When this device last read the set from the service (ms since the epoch). */
  fetchedAt: number;
}

const keysStorage = "evisa.visa-keys";
const keyIdPattern = /^[A-Za-z0-9_-]{1,64}$/;
const base64UrlPattern = /^[A-Za-z0-9_-]*$/;

export function fromBase64Url(text: string): Uint8Array | null {
  if (!base64UrlPattern.test(text) || text.length % 4 === 1) return null;
  const padded = text.replace(/-/g, "+").replace(/_/g, "/").padEnd(text.length + ((4 - (text.length % 4)) % 4), "=");
  try {
    return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

export function toBase64Url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** Whether the text is a seal at all (a scanned QR code), as opposed to a typed visa number. */
export function looksLikeSeal(text: string): boolean {
  return text.trim().startsWith("EV1.");
}

function date(text: string): string | null {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (!match) return null;
  const value = `${match[1]}-${match[2]}-${match[3]}`;
  const parsed = new Date(`${value}T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== value ? null : value;
}

function decodePayload(encoded: string): SealData | null {
  const bytes = fromBase64Url(encoded);
  if (!bytes) return null;
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
  const f = text.split("\u001f");
  if (f.length !== 12) return null;
  const [dateOfBirth, validFrom, validUntil] = [date(f[5]), date(f[8]), date(f[9])];
  if (!dateOfBirth || !validFrom || !validUntil || !/^[MFX]$/.test(f[6]) || !/^\d+$/.test(f[10])) return null;
  return {
    visaNumber: f[0], passportNumber: f[1], surname: f[2], givenNames: f[3], nationality: f[4], dateOfBirth, sex: f[6],
    category: f[7], validFrom, validUntil, entries: Number(f[10]), invitationNumber: f[11],
  };
}

/** Checks a seal against the key set: the decoded data when the signature holds, else why not. */
export async function checkSeal(seal: string, keySet: KeySet): Promise<SealCheck> {
  const text = seal.trim();
  const parts = text.split(".");
  if (text.length > 4096 || parts.length !== 4 || parts[0] !== "EV1" || !keyIdPattern.test(parts[1]) || parts[2].length === 0)
    return { valid: false, failure: "malformed", keyId: null };
  const signature = fromBase64Url(parts[3]);
  // Only the canonical encoding, as the service checks: another spelling of the same bytes is still a change.
  if (!signature || signature.length !== 64 || toBase64Url(signature) !== parts[3])
    return { valid: false, failure: "malformed", keyId: null };
  const keyId = parts[1];
  const jwk = keySet.keys.find((k) => k.kid === keyId && k.kty === "EC" && k.crv === "P-256" && k.x && k.y);
  if (!jwk) return { valid: false, failure: "unknown-key", keyId };

  let verified = false;
  try {
    const key = await crypto.subtle.importKey("jwk", { kty: "EC", crv: "P-256", x: jwk.x, y: jwk.y, ext: true },
      { name: "ECDSA", namedCurve: "P-256" }, false, ["verify"]);
    const signed = new TextEncoder().encode(text.slice(0, text.lastIndexOf(".")));
    verified = await crypto.subtle.verify({ name: "ECDSA", hash: "SHA-256" }, key, signature as BufferSource, signed);
  } catch {
    verified = false;
  }
  if (!verified) return { valid: false, failure: "bad-signature", keyId };
  const data = decodePayload(parts[2]);
  return data ? { valid: true, keyId, data } : { valid: false, failure: "malformed", keyId };
}

export function cachedKeys(): KeySet | null {
  try {
    const value = JSON.parse(localStorage.getItem(keysStorage) ?? "null") as KeySet | null;
    return value && Array.isArray(value.keys) ? value : null;
  } catch {
    return null;
  }
}

/** The published keys, fresh when the service answers, else the set kept from the last time it did. */
export async function loadKeys(): Promise<{ keySet: KeySet | null; offline: boolean }> {
  try {
    const response = await fetch("/api/visa-keys", { headers: { Accept: "application/json" } });
    if (!response.ok) throw new Error(`visa-keys answered ${response.status}`);
    const body = (await response.json()) as { keys?: Jwk[] };
    const keySet: KeySet = { keys: Array.isArray(body.keys) ? body.keys : [], fetchedAt: Date.now() };
    localStorage.setItem(keysStorage, JSON.stringify(keySet));
    return { keySet, offline: false };
  } catch {
    return { keySet: cachedKeys(), offline: true };
  }
}
