// The portal's share of a language file ("./kk.json?portal"), made by build.mjs's portal-messages plugin.
declare module "*.json?portal" {
  const messages: Record<string, string>;
  export default messages;
}
