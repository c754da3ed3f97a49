// Key Vault (Azure RBAC mode) holding the payment webhook secrets and the visa seal signing key.
// The Function App reads them through Key Vault references in its app settings, as its identity,
// which is given "Key Vault Secrets User" on this vault and nothing more.

@description('Name of the key vault (3-24 letters, digits and hyphens).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region.')
param location string

@description('Tags for every resource.')
param tags {
  *: string
}

@description('Principal id of the Function App identity, given "Key Vault Secrets User".')
param functionAppPrincipalId string

@description('Days a deleted vault or secret can be recovered.')
@minValue(7)
@maxValue(90)
param softDeleteRetentionInDays int = 90

@description('Purge protection: once on it cannot be turned off, and a deleted vault name stays taken for the retention period.')
param enablePurgeProtection bool = false

@secure()
@description('Current payment webhook secret (HMAC-SHA256 key shared with the payment provider).')
param paymentWebhookSecret0 string

@secure()
@description('Second payment webhook secret, accepted during rotation. Used only when withSecondWebhookSecret.')
param paymentWebhookSecret1 string = ''

@secure()
@description('Salt of the passport keys in the index tables.')
param passportKeySalt string

@description('Whether paymentWebhookSecret1 is set (a plain flag, so that no output depends on a secure value).')
param withSecondWebhookSecret bool = false

@secure()
@description('SMTP password of the Communication Services endpoint (an Entra application client secret). Used only when withMailSmtpPassword.')
param mailSmtpPassword string = ''

@description('Whether mailSmtpPassword is set (a plain flag, so that no output depends on a secure value).')
param withMailSmtpPassword bool = false

@secure()
@description('Private key that signs visa seals (ECDSA P-256).')
param visaSealSigningKey string

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionInDays
    // The API accepts only true or an absent value here: false cannot be sent.
    enablePurgeProtection: enablePurgeProtection ? true : null
    enabledForDeployment: false
    enabledForDiskEncryption: false
    enabledForTemplateDeployment: false
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

// Secret names use "--" where the app's configuration key has ":" (the app setting "__").
resource webhookSecret0 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = {
  parent: vault
  name: 'PaymentWebhook--Secrets--0'
  properties: {
    value: paymentWebhookSecret0
    contentType: 'text/plain'
  }
}

resource passportSalt 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = {
  parent: vault
  name: 'Privacy--PassportKeySalt'
  properties: {
    value: passportKeySalt
    contentType: 'text/plain'
  }
}

resource webhookSecret1 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = if (withSecondWebhookSecret) {
  parent: vault
  name: 'PaymentWebhook--Secrets--1'
  properties: {
    value: paymentWebhookSecret1
    contentType: 'text/plain'
  }
}

resource sealKey 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = {
  parent: vault
  name: 'VisaSeal--SigningKey'
  properties: {
    value: visaSealSigningKey
    contentType: 'application/pkcs8; encoding=base64'
  }
}

resource smtpPassword 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = if (withMailSmtpPassword) {
  parent: vault
  name: 'Mail--Password'
  properties: {
    value: mailSmtpPassword
    contentType: 'text/plain'
  }
}

var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, functionAppPrincipalId, keyVaultSecretsUser)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
    principalId: functionAppPrincipalId
    principalType: 'ServicePrincipal'
    description: 'EVisa Function App reads its secrets through Key Vault references'
  }
}

// App setting name -> versionless secret URI, for Key Vault references in the app settings.
// A reference without a version follows the newest version of the secret.
var baseReferences = {
  PaymentWebhook__Secrets__0: webhookSecret0.properties.secretUri
  VisaSigning__CurrentKey: sealKey.properties.secretUri
  Privacy__PassportKeySalt: passportSalt.properties.secretUri
}

output name string = vault.name
output uri string = vault.properties.vaultUri
var webhookReferences = withSecondWebhookSecret
  ? union(baseReferences, { PaymentWebhook__Secrets__1: webhookSecret1!.properties.secretUri })
  : baseReferences

output keyVaultReferences {
  *: string
} = withMailSmtpPassword ? union(webhookReferences, { Mail__Password: smtpPassword!.properties.secretUri }) : webhookReferences
