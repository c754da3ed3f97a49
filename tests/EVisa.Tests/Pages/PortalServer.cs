using EVisa.DevServer;
using EVisa.Tests.Infrastructure;

namespace EVisa.Tests.Pages;

/// <summary>
/// The DevServer the browser journeys share. It takes the client's address from <c>X-Forwarded-For</c>, as behind
/// Azure's front end, and each browser sends an address of its own: every browser here is 127.0.0.1, and the lookup's
/// per-client rate limit must count one journey's failures only.
/// </summary>
public static class PortalServer
{
    /// <summary>What the shared server logged, for tests that hold personal data out of its logs.</summary>
    public static CapturedLogs Logs { get; } = new();

    private static readonly Lazy<Task<DevServerHost>> Shared = new(() =>
        TestServers.StartAsync(TestServers.UniqueHub("portal"), Logs,
            settings: new Dictionary<string, string?> { ["Lookup:ClientAddressHeader"] = "X-Forwarded-For" }));

    public static Task<DevServerHost> SharedAsync() => Shared.Value;

    /// <summary>An address no other browser uses, from the documentation range of IPv6.</summary>
    public static string NewClientAddress() => $"2001:db8::{Random.Shared.Next(1, 0xffff):x}:{Random.Shared.Next(1, 0xffff):x}";
}
