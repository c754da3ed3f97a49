// OpenID Connect sign-in (authorization code with PKCE) with oidc-client-ts. A chunk of its own: only a portal
// configured for OIDC loads it, so the development portal's first page does not carry it.
import { UserManager, WebStorageStateStore } from "oidc-client-ts";

/** What a sign-in needs: the portal's configuration, or the staff console's (staff/session.ts). */
export interface OidcSettings {
  authority: string | null;
  clientId: string | null;
  scopes: string;
}

let manager: UserManager | null = null;

/** The page sign-in comes back to: "/" for the portal, "/staff/" for the staff console. */
let home = "/";

export function useHome(path: string): void {
  home = path;
}

function managerFor(configuration: OidcSettings): UserManager {
  if (manager) return manager;
  if (!configuration.authority || !configuration.clientId) throw new Error("The portal configuration names OIDC without its settings");
  manager = new UserManager({
    authority: configuration.authority,
    client_id: configuration.clientId,
    redirect_uri: `${location.origin}${home}`,
    post_logout_redirect_uri: `${location.origin}${home}`,
    response_type: "code",
    scope: configuration.scopes,
    userStore: new WebStorageStateStore({ store: sessionStorage }),
  });
  return manager;
}

export async function accessToken(configuration: OidcSettings): Promise<string | null> {
  const user = await managerFor(configuration).getUser();
  return user && !user.expired ? user.access_token : null;
}

export async function signIn(configuration: OidcSettings, returnRoute: string): Promise<void> {
  await managerFor(configuration).signinRedirect({ state: returnRoute });
}

export async function complete(configuration: OidcSettings): Promise<string> {
  const user = await managerFor(configuration).signinRedirectCallback();
  history.replaceState(null, "", home);
  return typeof user.state === "string" ? user.state : "#/apply/invitation";
}

export async function signOut(configuration: OidcSettings): Promise<void> {
  await managerFor(configuration).removeUser();
}
