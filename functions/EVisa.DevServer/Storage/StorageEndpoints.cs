using System.Net;
using System.Net.Sockets;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace EVisa.DevServer.Storage;

/// <summary>The blob, queue and table endpoints a storage connection string names, and whether they answer.</summary>
public sealed record StorageEndpoints(Uri Blob, Uri Queue, Uri Table)
{
    public static StorageEndpoints From(string connectionString) => new(
        new BlobServiceClient(connectionString).Uri,
        new QueueServiceClient(connectionString).Uri,
        new TableServiceClient(connectionString).Uri);

    public bool AreLocal => new[] { Blob, Queue, Table }.All(u => u.IsLoopback);

    public async Task<bool> AreReachableAsync(CancellationToken cancellationToken)
    {
        foreach (var endpoint in new[] { Blob, Queue, Table })
        {
            using var client = new TcpClient();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(1));
            try
            {
                await client.ConnectAsync(endpoint.Host, endpoint.Port, timeout.Token);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A connection string for Azurite's well-known development account on the given ports.</summary>
    public static string DevelopmentConnectionString(int blobPort, int queuePort, int tablePort)
    {
        const string account = "devstoreaccount1";
        // Azurite's published development key: not a secret.
        const string key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
        return $"DefaultEndpointsProtocol=http;AccountName={account};AccountKey={key};" +
               $"BlobEndpoint=http://{IPAddress.Loopback}:{blobPort}/{account};" +
               $"QueueEndpoint=http://{IPAddress.Loopback}:{queuePort}/{account};" +
               $"TableEndpoint=http://{IPAddress.Loopback}:{tablePort}/{account};";
    }
}
