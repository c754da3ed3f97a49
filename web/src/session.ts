// Who is signed in. Development: a token from POST /api/dev/tokens (the DevServer issues it in Development only).
// Elsewhere: OpenID Connect, authorization code with PKCE, through oidc-client-ts, loaded only then (oidc.ts).
import type { PortalConfiguration } from "./configuration";

const storageKey = "evisa.session";
const subjectKey = "evisa.dev-subject";

interface StoredSession {
  token: string;
  expiresAt: number;
}

let configuration: PortalConfiguration | null = null;

export function useConfiguration(value: PortalConfiguration): void {
  configuration = value;
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
  if (configuration?.signIn === "oidc") return (await import("./oidc")).accessToken(configuration);
  return stored()?.token ?? null;
}

export async function isSignedIn(): Promise<boolean> {
  return (await bearerToken()) !== null;
}

/** A stable development subject per browser, so the same applicant finds their applications again. */
function developmentSubject(): string {
  let subject = localStorage.getItem(subjectKey);
  if (!subject) {
    subject = `applicant-${crypto.randomUUID()}`;
    localStorage.setItem(subjectKey, subject);
  }
  return subject;
}

export async function signInForDevelopment(): Promise<void> {
  const response = await fetch("/api/dev/tokens", {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify({ subject: developmentSubject(), role: "applicant" }),
  });
  if (!response.ok) throw new Error(`development sign-in answered ${response.status}`);
  const body = (await response.json()) as { token: string; expiresAt: string };
  sessionStorage.setItem(storageKey, JSON.stringify({ token: body.token, expiresAt: Date.parse(body.expiresAt) }));
}

/** Sends the browser to the identity provider; it comes back to the portal with a code (see completeSignIn). */
export async function signInWithProvider(returnRoute: string): Promise<void> {
  if (configuration?.signIn !== "oidc") throw new Error("OpenID Connect is not configured");
  await (await import("./oidc")).signIn(configuration, returnRoute);
}

/** On return from the identity provider: the route to go on to, or null when this is not such a return. */
export async function completeSignIn(): Promise<string | null> {
  if (configuration?.signIn !== "oidc") return null;
  const query = new URLSearchParams(location.search);
  if (!query.has("code") || !query.has("state")) return null;
  return (await import("./oidc")).complete(configuration);
}

export async function signOut(): Promise<void> {
  sessionStorage.removeItem(storageKey);
  if (configuration?.signIn === "oidc") await (await import("./oidc")).signOut(configuration);
}
