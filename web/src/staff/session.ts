// Who is signed in to the staff console, and in which role. Development: a token from POST /api/dev/tokens for the
// role chosen (the DevServer issues it in Development only). Elsewhere: OpenID Connect against Microsoft Entra ID,
// whose app roles (inviter, officer, border) arrive in the token's "roles" claim. Kept apart from the applicant's
// session (another storage key), so one browser never mixes an applicant's token with an officer's.
import type { StaffSignIn } from "../configuration";

export const staffRoles = ["inviter", "officer", "border"] as const;
export type StaffRole = (typeof staffRoles)[number];

const storageKey = "evisa.staff-session";
const subjectKey = "evisa.staff-subject";

interface StoredSession {
  token: string;
  expiresAt: number;
}

let settings: StaffSignIn = { signIn: "none", authority: null, clientId: null, scopes: "" };

export function useStaffSignIn(value: StaffSignIn | undefined): void {
  if (value) settings = value;
}

export function signInKind(): StaffSignIn["signIn"] {
  return settings.signIn;
}

async function oidc() {
  const module = await import("../oidc");
  module.useHome("/staff/");
  return module;
}

function stored(): StoredSession | null {
  try {
    const value = JSON.parse(sessionStorage.getItem(storageKey) ?? "null") as StoredSession | null;
    return value && value.expiresAt > Date.now() + 30_000 ? value : null;
  } catch {
    return null;
  }
}

export async function bearerToken(): Promise<string | null> {
  if (settings.signIn === "oidc") return (await oidc()).accessToken(settings);
  return stored()?.token ?? null;
}

/** The staff role the token carries: "role" (the development issuer) or the first staff role in "roles" (Entra ID). */
export async function currentRole(): Promise<StaffRole | null> {
  const token = await bearerToken();
  if (!token) return null;
  try {
    const part = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    const claims = JSON.parse(atob(part.padEnd(part.length + ((4 - (part.length % 4)) % 4), "="))) as { role?: unknown; roles?: unknown };
    const candidates = [claims.role, ...(Array.isArray(claims.roles) ? claims.roles : [])];
    return (candidates.find((r) => (staffRoles as readonly unknown[]).includes(r)) as StaffRole | undefined) ?? null;
  } catch {
    return null;
  }
}

/** A stable development subject per browser and role, so the same inviter finds their invitations again. */
function developmentSubject(role: StaffRole): string {
  const key = `${subjectKey}.${role}`;
  let subject = localStorage.getItem(key);
  if (!subject) {
    subject = `${role}-${crypto.randomUUID()}`;
    localStorage.setItem(key, subject);
  }
  return subject;
}

export async function signInForDevelopment(role: StaffRole): Promise<void> {
  const response = await fetch("/api/dev/tokens", {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify({ subject: developmentSubject(role), role }),
  });
  if (!response.ok) throw new Error(`development sign-in answered ${response.status}`);
  const body = (await response.json()) as { token: string; expiresAt: string };
  sessionStorage.setItem(storageKey, JSON.stringify({ token: body.token, expiresAt: Date.parse(body.expiresAt) }));
}

export async function signInWithProvider(returnRoute: string): Promise<void> {
  await (await oidc()).signIn(settings, returnRoute);
}

/** On return from the identity provider: the route to go on to, or null when this is not such a return. */
export async function completeSignIn(): Promise<string | null> {
  if (settings.signIn !== "oidc") return null;
  const query = new URLSearchParams(location.search);
  if (!query.has("code") || !query.has("state")) return null;
  return (await oidc()).complete(settings);
}

export async function signOut(): Promise<void> {
  sessionStorage.removeItem(storageKey);
  if (settings.signIn === "oidc") await (await oidc()).signOut(settings);
}
