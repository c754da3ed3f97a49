// OpenID Connect sign-in (authorization code with PKCE) with oidc-client-ts. A chunk of its own: only a portal
// configured for OIDC loads it, so the development portal's first page does not carry it.
import { UserManager, WebStorageStateStore } from "oidc-client-ts";
import type { PortalConfiguration } from "./configuration";

let manager: UserManager | null = null;

function managerFor(configuration: PortalConfiguration): UserManager {
  if (manager) return manager;
  if (!configuration.authority || !configuration.clientId) throw new Error("The portal configuration names OIDC without its settings");
  manager = new UserManager({
    authority: configuration.authority,
    client_id: configuration.clientId,
    redirect_uri: `${location.origin}/`,
    post_logout_redirect_uri: `${location.origin}/`,
    response_type: "code",
    scope: configuration.scopes,
    userStore: new WebStorageStateStore({ store: sessionStorage }),
  });
  return manager;
}

export async function accessToken(configuration: PortalConfiguration): Promise<string | null> {
  const user = await managerFor(configuration).getUser();
  return user && !user.expired ? user.access_token : null;
}

export async function signIn(configuration: PortalConfiguration, returnRoute: string): Promise<void> {
  await managerFor(configuration).signinRedirect({ state: returnRoute });
}

export async function complete(configuration: PortalConfiguration): Promise<string> {
  const user = await managerFor(configuration).signinRedirectCallback();
  history.replaceState(null, "", "/");
  return typeof user.state === "string" ? user.state : "#/apply/invitation";
}

export async function signOut(configuration: PortalConfiguration): Promise<void> {
  await managerFor(configuration).removeUser();
}
