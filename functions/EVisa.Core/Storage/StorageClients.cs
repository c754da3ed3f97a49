using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;

namespace EVisa.Core.Storage;

/// <summary>
/// The product's table and blob clients, on the same <c>AzureWebJobsStorage</c> connection the Functions host and
/// Durable Functions use: a connection string locally (Azurite), or in Azure the identity-based form
/// (<c>AzureWebJobsStorage__tableServiceUri</c>, <c>__blobServiceUri</c>, <c>__clientId</c>) with no account key.
/// </summary>
public sealed record StorageClients(TableServiceClient Tables, BlobServiceClient Blobs)
{
    public const string Setting = "AzureWebJobsStorage";

    public static StorageClients From(IConfiguration configuration)
    {
        if (configuration[Setting] is { Length: > 0 } connectionString)
            return new StorageClients(new TableServiceClient(connectionString), new BlobServiceClient(connectionString));

        var section = configuration.GetSection(Setting);
        if (section["tableServiceUri"] is not { Length: > 0 } tableUri || section["blobServiceUri"] is not { Length: > 0 } blobUri)
        {
            throw new InvalidOperationException(
                $"Set {Setting} to a connection string, or {Setting}__tableServiceUri and {Setting}__blobServiceUri for a managed identity.");
        }

        var credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = section["clientId"] });
        return new StorageClients(new TableServiceClient(new Uri(tableUri), credential), new BlobServiceClient(new Uri(blobUri), credential));
    }
}
