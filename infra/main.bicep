// EVisa on Azure: one resource group per azd environment holding a Function App on the Flex
// Consumption plan (dotnet-isolated 10.0, Durable Functions on the Azure Storage provider), its
// storage account (reached by managed identity only), Application Insights on a Log Analytics
// workspace, and a Key Vault (RBAC) holding the payment webhook secrets and the visa seal key.
//
// Deploy with `azd up` (azure.yaml at the repository root); check with infra/build.sh.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('azd environment name (dev, test, prod, ...); names the resource group and seeds the resource names.')
param environmentName string

@minLength(1)
@description('Azure region for every resource; it must offer the Flex Consumption plan.')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Resource group name; empty: rg-<environmentName>.')
param resourceGroupName string = ''

@description('Durable Functions task hub name (letters and digits, starts with a letter, at most 45); empty: evisa<environmentName>.')
@maxLength(45)
param taskHubName string = ''

@description('Bearer tokens: expected issuer, e.g. https://<tenant-id>.ciamlogin.com/<tenant-id>/v2.0 for Microsoft Entra External ID.')
param identityIssuer string

@description('Bearer tokens: expected audience (the application id URI or client id of the API app registration).')
param identityAudience string

@description('Bearer tokens: authority whose OpenID configuration lists the signing keys, e.g. https://<tenant>.ciamlogin.com/<tenant-id>/v2.0.')
param identityAuthority string

@secure()
@description('Current payment webhook secret (HMAC-SHA256 key shared with the payment provider). azd generates one when unset.')
@metadata({
  azd: {
    type: 'generate'
    config: {
      length: 48
      noSpecial: true
    }
  }
})
param paymentWebhookSecret0 string

@secure()
@description('Salt of the passport keys in the index tables (HMAC-SHA256), so an index row cannot be matched to a passport number without it. azd generates one when unset; never change it once data exists.')
@metadata({
  azd: {
    type: 'generate'
    config: {
      length: 48
      noSpecial: true
    }
  }
})
param passportKeySalt string

@secure()
@description('Second payment webhook secret, accepted alongside the first during a rotation; empty: none.')
param paymentWebhookSecret1 string = ''

@secure()
@description('Visa seal signing key: an ECDSA P-256 private key, PKCS#8 DER in base64, e.g. openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 | openssl pkcs8 -topk8 -nocrypt -outform DER | base64 -w0.')
param visaSealSigningKey string

@description('The portal\'s public client (app registration) id in Microsoft Entra External ID, for the pages\' sign-in (authorization code with PKCE); empty: the pages cannot sign in.')
param portalClientId string = ''

@description('The OpenID Connect authority the pages sign in against, e.g. https://<tenant>.ciamlogin.com/<tenant-id>/v2.0; empty: identityAuthority.')
param portalAuthority string = ''

@description('Scopes the pages request, space-separated: openid, offline_access and the API\'s scope, e.g. api://<API client id>/applicant.')
param portalScopes string = 'openid offline_access'

@description('The payment provider\'s hosted payment page (the pages send applicants there with the reference, amount, currency and return address).')
param paymentCheckoutUrl string

@description('CRON schedule (six fields, UTC) of the timer that sends reminders and expires abandoned applications.')
param remindersSchedule string = '0 */15 * * * *'

@description('Key id of the current visa seal signing key; change it with the key, keep the old public key as retired.')
param visaSealKeyId string = 'seal-1'

@description('Key id of the previous seal key while visas it sealed are still valid (after a rotation); empty: none.')
param visaSealRetiredKeyId string = ''

@description('Public key (SPKI DER in base64) of visaSealRetiredKeyId, so its seals still verify; not secret.')
param visaSealRetiredKey string = ''

@description('Storage redundancy of the state and visa account.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param storageSku string = 'Standard_LRS'

@description('Most instances the Function App scales out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Memory of each Function App instance, in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Key Vault purge protection (recommended for production; irreversible once on).')
param keyVaultPurgeProtection bool = false

var serviceName = 'api'
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
  application: 'evisa'
}
var functionAppName = 'func-evisa-${resourceToken}'
// Task hub names: letters and digits only, 3-45 characters, starting with a letter.
// azd environment names may hold letters, digits and - _ . ( ): keep the letters and digits.
var taskHubSuffix = reduce(['-', '_', '.', '(', ')'], toLower(environmentName), (name, c) => replace(name, c, ''))
var derivedTaskHubName = take('evisa${taskHubSuffix}', 45)

resource rg 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: empty(resourceGroupName) ? 'rg-${environmentName}' : resourceGroupName
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  scope: rg
  params: {
    name: 'id-evisa-${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  scope: rg
  params: {
    logAnalyticsName: 'log-evisa-${resourceToken}'
    applicationInsightsName: 'appi-evisa-${resourceToken}'
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  scope: rg
  params: {
    name: 'stevisa${resourceToken}'
    location: location
    tags: tags
    skuName: storageSku
    deploymentContainerName: 'app-package-${resourceToken}'
    functionAppPrincipalId: identity.outputs.principalId
  }
}

module keyVault 'modules/keyvault.bicep' = {
  scope: rg
  params: {
    name: 'kv-evisa-${resourceToken}'
    location: location
    tags: tags
    functionAppPrincipalId: identity.outputs.principalId
    enablePurgeProtection: keyVaultPurgeProtection
    paymentWebhookSecret0: paymentWebhookSecret0
    paymentWebhookSecret1: paymentWebhookSecret1
    withSecondWebhookSecret: !empty(paymentWebhookSecret1)
    visaSealSigningKey: visaSealSigningKey
    passportKeySalt: passportKeySalt
  }
}

// In front of the app: the pages and the API on one address. Created first, from the app's predictable host name, so
// the app can admit Front Door's traffic only and know its public address.
module frontDoor 'modules/frontdoor.bicep' = {
  scope: rg
  params: {
    profileName: 'afd-evisa-${resourceToken}'
    endpointName: 'evisa-${resourceToken}'
    tags: tags
    functionAppHostName: '${functionAppName}.azurewebsites.net'
  }
}

// Takes the storage and Key Vault outputs, so it starts only once their role assignments exist.
module functionApp 'modules/functionapp.bicep' = {
  scope: rg
  params: {
    planName: 'plan-evisa-${resourceToken}'
    name: functionAppName
    location: location
    tags: tags
    serviceName: serviceName
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    blobEndpoint: storage.outputs.blobEndpoint
    queueEndpoint: storage.outputs.queueEndpoint
    tableEndpoint: storage.outputs.tableEndpoint
    applicationInsightsConnectionString: monitoring.outputs.connectionString
    taskHubName: empty(taskHubName) ? derivedTaskHubName : taskHubName
    keyVaultReferences: keyVault.outputs.keyVaultReferences
    identityIssuer: identityIssuer
    identityAudience: identityAudience
    identityAuthority: identityAuthority
    remindersSchedule: remindersSchedule
    visaSealKeyId: visaSealKeyId
    visaSealRetiredKeyId: visaSealRetiredKeyId
    visaSealRetiredKey: visaSealRetiredKey
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    frontDoorId: frontDoor.outputs.frontDoorId
    portalOrigin: frontDoor.outputs.url
    portalClientId: portalClientId
    portalAuthority: portalAuthority
    portalScopes: portalScopes
    paymentCheckoutUrl: paymentCheckoutUrl
  }
}

// azd reads these into the environment (.azure/<env>/.env).
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output AZURE_FUNCTION_APP_URL string = functionApp.outputs.url
output PORTAL_URL string = frontDoor.outputs.url
output SERVICE_API_NAME string = functionApp.outputs.name
output SERVICE_API_URI string = functionApp.outputs.url
output AZURE_FUNCTION_APP_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output AZURE_FUNCTION_APP_IDENTITY_PRINCIPAL_ID string = identity.outputs.principalId
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_STORAGE_BLOB_ENDPOINT string = storage.outputs.blobEndpoint
output AZURE_STORAGE_TABLE_ENDPOINT string = storage.outputs.tableEndpoint
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_KEY_VAULT_ENDPOINT string = keyVault.outputs.uri
output APPLICATIONINSIGHTS_CONNECTION_STRING string = monitoring.outputs.connectionString
output TASK_HUB_NAME string = empty(taskHubName) ? derivedTaskHubName : taskHubName
