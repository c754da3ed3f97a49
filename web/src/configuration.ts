// GET /api/portal/configuration: how the applicant signs in here.
export interface PortalConfiguration {
  /** "none": no sign-in is configured here, so the pages say signing in is unavailable. */
  signIn: "development" | "oidc" | "none";
  authority: string | null;
  clientId: string | null;
  /** Space-separated, as oidc-client-ts's scope wants it. */
  scopes: string;
  /** The staff console's sign-in (Microsoft Entra ID with app roles, or the development sign-in). */
  staff?: StaffSignIn;
}

export interface StaffSignIn {
  signIn: "development" | "oidc" | "none";
  authority: string | null;
  clientId: string | null;
  scopes: string;
}

export async function loadConfiguration(): Promise<PortalConfiguration> {
  const response = await fetch("/api/portal/configuration", { headers: { Accept: "application/json" } });
  if (!response.ok) throw new Error(`portal configuration answered ${response.status}`);
  return (await response.json()) as PortalConfiguration;
}
