// Azure Front Door (Standard) in front of the Function App: one origin, one address for the portal's pages and the
// API (same origin, so no CORS, and the pages' Content-Security-Policy can say 'self').
// - `/api/*` goes to the app as it is: no caching, headers (Authorization included) untouched.
// - every other path goes to the app under origin path /api/pages, where GetPortalPage serves the built pages;
//   cached briefly and compressed at the edge.
// Front Door overwrites X-Forwarded-For with the client's address, so its first entry is the client, which
// "find my application" rate-limits by (Lookup__ClientAddressHeader); the app accepts traffic only from this
// profile (functionapp.bicep: the AzureFrontDoor.Backend service tag and this profile's X-Azure-FDID).

@description('Name of the Front Door profile.')
param profileName string

@description('Name of the endpoint; Front Door appends a hash to make its host name.')
param endpointName string

@description('Tags for every resource.')
param tags {
  *: string
}

@description('Host name of the Function App (the origin).')
param functionAppHostName string

resource profile 'Microsoft.Cdn/profiles@2024-09-01' = {
  name: profileName
  location: 'global'
  tags: tags
  sku: {
    name: 'Standard_AzureFrontDoor'
  }
  properties: {
    originResponseTimeoutSeconds: 60
  }
}

resource endpoint 'Microsoft.Cdn/profiles/afdEndpoints@2024-09-01' = {
  parent: profile
  name: endpointName
  location: 'global'
  tags: tags
  properties: {
    enabledState: 'Enabled'
  }
}

resource originGroup 'Microsoft.Cdn/profiles/originGroups@2024-09-01' = {
  parent: profile
  name: 'functionapp'
  properties: {
    loadBalancingSettings: {
      sampleSize: 4
      successfulSamplesRequired: 3
      additionalLatencyInMilliseconds: 50
    }
    healthProbeSettings: {
      probePath: '/api/health'
      probeRequestType: 'GET'
      probeProtocol: 'Https'
      probeIntervalInSeconds: 100
    }
    sessionAffinityState: 'Disabled'
  }
}

resource origin 'Microsoft.Cdn/profiles/originGroups/origins@2024-09-01' = {
  parent: originGroup
  name: 'functionapp'
  properties: {
    hostName: functionAppHostName
    originHostHeader: functionAppHostName
    httpPort: 80
    httpsPort: 443
    priority: 1
    weight: 1000
    enabledState: 'Enabled'
    enforceCertificateNameCheck: true
  }
}

resource apiRoute 'Microsoft.Cdn/profiles/afdEndpoints/routes@2024-09-01' = {
  parent: endpoint
  name: 'api'
  dependsOn: [
    origin // a route needs an origin in its group
  ]
  properties: {
    originGroup: {
      id: originGroup.id
    }
    patternsToMatch: [
      '/api/*'
    ]
    supportedProtocols: [
      'Http'
      'Https'
    ]
    httpsRedirect: 'Enabled'
    forwardingProtocol: 'HttpsOnly'
    linkToDefaultDomain: 'Enabled'
    enabledState: 'Enabled'
  }
}

resource pagesRoute 'Microsoft.Cdn/profiles/afdEndpoints/routes@2024-09-01' = {
  parent: endpoint
  name: 'pages'
  dependsOn: [
    origin
  ]
  properties: {
    originGroup: {
      id: originGroup.id
    }
    originPath: '/api/pages'
    patternsToMatch: [
      '/*'
    ]
    supportedProtocols: [
      'Http'
      'Https'
    ]
    httpsRedirect: 'Enabled'
    forwardingProtocol: 'HttpsOnly'
    linkToDefaultDomain: 'Enabled'
    enabledState: 'Enabled'
    // The pages say how long they may be kept (GetPortalPage: five minutes); compressed at the edge.
    cacheConfiguration: {
      queryStringCachingBehavior: 'IgnoreQueryString'
      compressionSettings: {
        isCompressionEnabled: true
        contentTypesToCompress: [
          'text/html'
          'text/css'
          'text/javascript'
          'application/javascript'
          'application/json'
          'image/svg+xml'
        ]
      }
    }
  }
}

output id string = profile.id
output frontDoorId string = profile.properties.frontDoorId
output hostName string = endpoint.properties.hostName
output url string = 'https://${endpoint.properties.hostName}'
