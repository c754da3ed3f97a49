using EVisa.DevServer;
using EVisa.Tests.Infrastructure;

namespace EVisa.Tests.Portal;

/// <summary>
/// A DevServer behind a (pretend) front end: it takes the client's address from <c>X-Forwarded-For</c>, as in Azure,
/// so each test can be its own clients and the rate limits of one test cannot touch another's.
/// </summary>
public sealed class LookupServer : IAsyncLifetime
{
    public DevServerHost Server { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Server = await TestServers.StartAsync(TestServers.UniqueHub("lookup"), new CapturedLogs(),
            settings: new Dictionary<string, string?> { ["Lookup:ClientAddressHeader"] = "X-Forwarded-For" });

    public async Task DisposeAsync() => await Server.DisposeAsync();

    /// <summary>An address no other test uses, from the documentation range of IPv6.</summary>
    public static string NewClient() => $"2001:db8::{Random.Shared.Next(1, 0xffff):x}:{Random.Shared.Next(1, 0xffff):x}";
}
