// The Function App on the Flex Consumption plan (FC1, Linux, dotnet-isolated 10.0). It runs as a
// user-assigned managed identity: storage, the deployment package and Key Vault references all go
// through that identity, so no app setting holds a key or a connection string with a key.

@description('Name of the Flex Consumption plan.')
param planName string

@description('Name of the Function App (also its host name).')
param name string

@description('Azure region.')
param location string

@description('Tags for every resource.')
param tags {
  *: string
}

@description('azd service name; azd finds the app to deploy by the azd-service-name tag.')
param serviceName string

@description('Resource id of the user-assigned identity the app runs as.')
param identityId string

@description('Client id of that identity.')
param identityClientId string

@description('URL of the blob container Flex Consumption deploys the package from.')
param deploymentContainerUrl string

@description('Blob endpoint of the storage account (https://<account>.blob.core.windows.net/).')
param blobEndpoint string

@description('Queue endpoint of the storage account.')
param queueEndpoint string

@description('Table endpoint of the storage account.')
param tableEndpoint string

@description('Application Insights connection string.')
param applicationInsightsConnectionString string

@description('Durable Functions task hub name (host.json reads %TaskHubName%).')
param taskHubName string

@description('App setting name -> versionless Key Vault secret URI; each becomes a Key Vault reference.')
param keyVaultReferences {
  *: string
}

@description('Bearer tokens: expected issuer (Microsoft Entra External ID).')
param identityIssuer string

@description('Bearer tokens: expected audience (the API app registration).')
param identityAudience string

@description('Bearer tokens: authority whose OpenID metadata gives the signing keys.')
param identityAuthority string

@description('Key id of the current visa seal signing key (printed in each seal, published in /api/visa-keys).')
param visaSealKeyId string

@description('Key id of the previous seal key, kept verifying after a rotation; empty: none.')
param visaSealRetiredKeyId string

@description('Public key (SPKI DER in base64) of the previous seal key.')
param visaSealRetiredKey string

@description('Front Door profile id (X-Azure-FDID): the app answers only requests that came through that profile.')
param frontDoorId string

@description('The portal\'s public address (the Front Door endpoint), for the payment provider\'s return addresses.')
param portalOrigin string

@description('The portal\'s public client id in Microsoft Entra External ID; empty: no sign-in for the pages.')
param portalClientId string

@description('The OpenID Connect authority the pages sign in against; empty: identityAuthority.')
param portalAuthority string

@description('Scopes the pages request, space-separated.')
param portalScopes string

@description('The payment provider\'s hosted payment page.')
param paymentCheckoutUrl string

@description('CRON schedule (six fields) of the reminder and expiry timer.')
param remindersSchedule string

@description('Most instances Flex Consumption scales out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int

@description('Memory of each instance.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true // Linux
  }
}

resource site 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': serviceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      // Only through Front Door (the pages, the API and the payment webhook all come that way), so the client address
      // in X-Forwarded-For is the one Front Door wrote.
      ipSecurityRestrictionsDefaultAction: 'Deny'
      ipSecurityRestrictions: [
        {
          name: 'front-door'
          action: 'Allow'
          priority: 100
          tag: 'ServiceTag'
          ipAddress: 'AzureFrontDoor.Backend'
          headers: {
            'x-azure-fdid': [
              frontDoorId
            ]
          }
        }
      ]
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

// Flex Consumption takes the runtime from functionAppConfig: FUNCTIONS_WORKER_RUNTIME,
// FUNCTIONS_EXTENSION_VERSION, WEBSITE_RUN_FROM_PACKAGE and the content-share settings are not used.
var baseSettings = {
  // The host's storage (and Durable Functions' task hub): identity-based, no key.
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  AzureWebJobsStorage__blobServiceUri: blobEndpoint
  AzureWebJobsStorage__queueServiceUri: queueEndpoint
  AzureWebJobsStorage__tableServiceUri: tableEndpoint
  // Lets DefaultAzureCredential / ManagedIdentityCredential in the worker pick the app's identity.
  AZURE_CLIENT_ID: identityClientId
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
  TaskHubName: taskHubName
  Identity__Issuer: identityIssuer
  Identity__Audience: identityAudience
  Identity__Authority: identityAuthority
  ReminderSchedule: remindersSchedule
  VisaSigning__CurrentKeyId: visaSealKeyId
  // The applicant portal: sign-in with OpenID Connect (PKCE) in the pages, the return address after payment, the
  // provider's hosted page, and the client address for "find my application"'s rate limit (Front Door writes it).
  Portal__PublicOrigin: portalOrigin
  Portal__ClientId: portalClientId
  Portal__Authority: portalAuthority
  Portal__Scopes: portalScopes
  PaymentProvider__CheckoutUrl: paymentCheckoutUrl
  Lookup__ClientAddressHeader: 'X-Forwarded-For'
}

// PaymentWebhook__Secrets__0, VisaSigning__CurrentKey and, only while a second secret is set,
// PaymentWebhook__Secrets__1 (an unresolved reference would be read as its own text).
var referenceSettings = toObject(
  items(keyVaultReferences),
  entry => entry.key,
  entry => '@Microsoft.KeyVault(SecretUri=${entry.value})'
)

// After a seal key rotation, seals of the previous key verify until the last visa it sealed has expired.
var retiredKeySettings = empty(visaSealRetiredKeyId)
  ? {}
  : {
      VisaSigning__RetiredKeys__0__KeyId: visaSealRetiredKeyId
      VisaSigning__RetiredKeys__0__Key: visaSealRetiredKey
    }

resource appSettings 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: site
  name: 'appsettings'
  properties: union(baseSettings, referenceSettings, retiredKeySettings)
}

// Deployment goes through Microsoft Entra ID (azd, az functionapp deploy): no basic-auth publishing.
resource ftpPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

output name string = site.name
output id string = site.id
output defaultHostName string = site.properties.defaultHostName
output url string = 'https://${site.properties.defaultHostName}'
