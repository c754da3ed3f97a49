using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace EVisa.Core.Notifications;

/// <summary>How one message fared at the SMTP server.</summary>
public enum MailDelivery
{
    /// <summary>The server accepted it (250 after DATA).</summary>
    Accepted,

    /// <summary>Refused for now (4xx) or the connection broke: try again later.</summary>
    Deferred,

    /// <summary>Refused for good (5xx): no retry will change that.</summary>
    Refused,

    /// <summary>No server to talk to (connection refused, timeout, TLS or login failure): nothing else will go through now.</summary>
    Unreachable,
}

/// <param name="Detail">An SMTP status code or an exception's type: never the server's text, which may quote the address.</param>
public sealed record MailDeliveryResult(MailDelivery Delivery, string Detail);

/// <summary>
/// One SMTP session for a sweep (MailKit): connects on the first message, sends each over the same connection,
/// and reconnects after a broken one. Sorts every outcome into accepted, deferred, refused or unreachable.
/// </summary>
public sealed class SmtpMailer(MailOptions options) : IAsyncDisposable
{
    private readonly SmtpClient _client = new() { Timeout = (int)options.Timeout.TotalMilliseconds };

    public async Task<MailDeliveryResult> SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        if (!_client.IsConnected)
        {
            try
            {
                await _client.ConnectAsync(options.Host ?? "localhost", options.Port, Security(options.Security), cancellationToken);
                if (!string.IsNullOrEmpty(options.UserName))
                    await _client.AuthenticateAsync(options.UserName, options.Password ?? "", cancellationToken);
            }
            catch (Exception e) when (IsConnectionFault(e) && !cancellationToken.IsCancellationRequested)
            {
                await DisconnectQuietlyAsync();
                return new MailDeliveryResult(MailDelivery.Unreachable, Describe(e));
            }
        }

        try
        {
            await _client.SendAsync(message, cancellationToken);
            return new MailDeliveryResult(MailDelivery.Accepted, "250");
        }
        catch (SmtpCommandException e)
        {
            var code = (int)e.StatusCode;
            return new MailDeliveryResult(code >= 500 ? MailDelivery.Refused : MailDelivery.Deferred, code.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (IsConnectionFault(e) && !cancellationToken.IsCancellationRequested)
        {
            // The connection broke mid-message: the server did not say it accepted it, so it is tried again.
            await DisconnectQuietlyAsync();
            return new MailDeliveryResult(MailDelivery.Deferred, Describe(e));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await DisconnectQuietlyAsync();
        _client.Dispose();
    }

    private static SecureSocketOptions Security(string name) => name.ToUpperInvariant() switch
    {
        "STARTTLS" => SecureSocketOptions.StartTls,
        "SSLONCONNECT" => SecureSocketOptions.SslOnConnect,
        "AUTO" => SecureSocketOptions.Auto,
        _ => SecureSocketOptions.None,
    };

    private static bool IsConnectionFault(Exception e) =>
        e is SocketException or IOException or TimeoutException or OperationCanceledException or SmtpProtocolException
            or SmtpCommandException or AuthenticationException or SslHandshakeException or ServiceNotConnectedException
            or ServiceNotAuthenticatedException;

    private static string Describe(Exception e) => e switch
    {
        SmtpCommandException command => ((int)command.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture),
        SocketException socket => $"socket-{socket.SocketErrorCode}",
        _ => e.GetType().Name,
    };

    private async Task DisconnectQuietlyAsync()
    {
        if (!_client.IsConnected)
            return;
        try
        {
            await _client.DisconnectAsync(quit: true);
        }
        catch (Exception e) when (IsConnectionFault(e))
        {
            // Already gone.
        }
    }
}
