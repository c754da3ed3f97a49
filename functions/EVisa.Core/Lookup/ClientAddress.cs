using System.Net;
using Microsoft.AspNetCore.Http;

namespace EVisa.Core.Lookup;

/// <summary>
/// The address a request came from, for per-client limits. Behind a front end that writes the client's address into
/// a header (<see cref="LookupOptions.ClientAddressHeader"/>), its first entry, without a port; else the connection's.
/// </summary>
public static class ClientAddress
{
    public static string Of(HttpRequest request, string? header)
    {
        if (!string.IsNullOrWhiteSpace(header)
            && request.Headers[header].ToString().Split(',')[0].Trim() is { Length: > 0 } first
            && Parse(first) is { } forwarded)
        {
            return forwarded.ToString();
        }

        return request.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
    }

    /// <summary>An address as front ends write it: <c>203.0.113.7</c>, <c>203.0.113.7:52100</c>, <c>[2001:db8::1]:443</c>, <c>2001:db8::1</c>.</summary>
    private static IPAddress? Parse(string text) =>
        IPAddress.TryParse(text, out var address) ? address
        : IPEndPoint.TryParse(text, out var endpoint) ? endpoint.Address
        : null;
}
