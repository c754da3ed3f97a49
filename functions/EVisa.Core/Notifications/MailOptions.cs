using EVisa.Core.Storage;

namespace EVisa.Core.Notifications;

/// <summary>How notices are sent, from the "Mail" section.</summary>
public sealed class MailOptions
{
    public const string SectionName = "Mail";

    /// <summary>The SMTP server; none configured means nothing is sent (the DevServer starts smtp4dev instead).</summary>
    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    /// <summary><c>None</c>, <c>StartTls</c> (Azure Communication Services on 587), or <c>SslOnConnect</c> (465).</summary>
    public string Security { get; set; } = "None";

    /// <summary>SMTP AUTH user and password; in Azure from Key Vault references, never plain settings.</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender of every notice; its domain also names the Message-IDs.</summary>
    public string From { get; set; } = "no-reply@evisa.local";

    public string FromName { get; set; } = "eVisa Kazakhstan";

    /// <summary>Attempts before a record goes to the dead-letter list (a 5xx answer sends it there at once).</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The wait after the first failed attempt; it doubles with each further one, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a sender holds a record it is sending; longer than one SMTP exchange takes.</summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long a pending row may wait for its outbox record (written just after it) or for the data it speaks of
    /// (an entry, an application row, written just after the notice) before the sender gives up on it.
    /// </summary>
    public TimeSpan WriteGrace { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>SMTP sessions a sweep sends over at once.</summary>
    public int Connections { get; set; } = 8;

    /// <summary>Pending rows read per query.</summary>
    public int PageSize { get; set; } = 100;

    /// <summary>The pending index's table (tests give one of their own, so their sweeps see only their mail).</summary>
    public string PendingTable { get; set; } = OutboxStore.DefaultPendingTable;

    /// <summary>SMTP connect and command timeout.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The wait after <paramref name="attempts"/> failed attempts: exponential, capped.</summary>
    public TimeSpan RetryDelay(int attempts)
    {
        var factor = Math.Pow(2, Math.Clamp(attempts - 1, 0, 30));
        var delay = FirstRetryDelay.TotalMilliseconds * factor;
        return TimeSpan.FromMilliseconds(Math.Min(delay, MaxRetryDelay.TotalMilliseconds));
    }
}
