namespace EVisa.Core.Lookup;

/// <summary>
/// "Find my application" without signing in, from configuration section <c>Lookup</c>: how many failed attempts a
/// client, and an application number, may make in a window before they are refused, and where the client's address
/// comes from.
/// </summary>
public sealed class LookupOptions
{
    public const string SectionName = "Lookup";

    public int MaxFailures { get; set; } = 5;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// The header whose first entry is the client's address, set by the front end the service runs behind (in Azure,
    /// <c>X-Forwarded-For</c>, which the platform's front end writes); empty: the connection's own address (the
    /// DevServer, where clients connect directly). Never name a header that clients can set past the front end.
    /// </summary>
    public string? ClientAddressHeader { get; set; }
}
