// Notices by e-mail: Azure Communication Services Email with an Azure-managed domain
// (DoNotReply@<guid>.azurecomm.net), reached over its SMTP endpoint (smtp.azurecomm.net:587, STARTTLS).
// SMTP AUTH takes a Microsoft Entra application: user name <communication resource>.<app client id>.<tenant id>,
// password a client secret of that application, which stays in Key Vault (keyvault.bicep). The application's
// service principal is given "Communication and Email Service Owner" on the communication resource, nothing more.

@description('Name of the Email Communication Service.')
param emailServiceName string

@description('Name of the Communication Service the domain is linked to.')
param communicationServiceName string

@description('Tags for every resource.')
param tags {
  *: string
}

@description('Where Communication Services keeps its data at rest (a geography, e.g. Europe, United States).')
param dataLocation string

@description('Client id of the Entra application that authenticates to SMTP; empty: no SMTP credentials yet.')
param smtpClientId string

@description('Object id of that application\'s service principal, given the role that lets it send.')
param smtpPrincipalId string

resource emailService 'Microsoft.Communication/emailServices@2023-04-01' = {
  name: emailServiceName
  location: 'global'
  tags: tags
  properties: {
    dataLocation: dataLocation
  }
}

resource managedDomain 'Microsoft.Communication/emailServices/domains@2023-04-01' = {
  parent: emailService
  name: 'AzureManagedDomain'
  location: 'global'
  tags: tags
  properties: {
    domainManagement: 'AzureManaged'
    userEngagementTracking: 'Disabled'
  }
}

resource communicationService 'Microsoft.Communication/communicationServices@2023-04-01' = {
  name: communicationServiceName
  location: 'global'
  tags: tags
  properties: {
    dataLocation: dataLocation
    linkedDomains: [
      managedDomain.id
    ]
  }
}

// Communication and Email Service Owner: what SMTP AUTH with an Entra application needs.
var emailServiceOwner = '09976791-48a7-449e-bb21-39d1a415f350'

resource smtpSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(smtpPrincipalId)) {
  name: guid(communicationService.id, smtpPrincipalId, emailServiceOwner)
  scope: communicationService
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', emailServiceOwner)
    principalId: smtpPrincipalId
    principalType: 'ServicePrincipal'
    description: 'EVisa sends its notices over the SMTP endpoint of Communication Services'
  }
}

output fromAddress string = 'DoNotReply@${managedDomain.properties.mailFromSenderDomain}'

// The app's non-secret mail settings; the password is a Key Vault reference (Mail__Password). Without SMTP
// credentials the app gets no Mail__Host, and notices wait in the outbox until they are given.
output appSettings {
  *: string
} = empty(smtpClientId)
  ? {}
  : {
      Mail__Host: 'smtp.azurecomm.net'
      Mail__Port: '587'
      Mail__Security: 'StartTls'
      Mail__UserName: '${communicationService.name}.${smtpClientId}.${tenant().tenantId}'
      Mail__From: 'DoNotReply@${managedDomain.properties.mailFromSenderDomain}'
    }
