using System.Buffers;
using System.Collections.Concurrent;
using EVisa.DevServer.Storage;
using MimeKit;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace EVisa.Tests.Infrastructure;

/// <summary>
/// One real SMTP server for the whole test run (SmtpServer, in process, on a free loopback port), like the shared
/// Azurite: it keeps every message it accepted, refuses for good (550) any address whose local part starts with
/// <c>refused</c>, answers 451 (try again later) to the first two deliveries of each message to an address starting
/// with <c>greylisted</c>, and tests pick their messages by their own addresses.
/// </summary>
public static class SharedSmtp
{
    private static readonly Lazy<int> Instance = new(Start);
    private static readonly ConcurrentQueue<MimeMessage> Accepted = new();
    private static readonly ConcurrentDictionary<string, int> Deferrals = new();

    public static int Port => Instance.Value;

    /// <summary>The messages accepted so far for <paramref name="address"/>.</summary>
    public static IReadOnlyList<MimeMessage> To(string address) =>
        [.. Accepted.Where(m => m.To.Mailboxes.Any(t => string.Equals(t.Address, address, StringComparison.OrdinalIgnoreCase)))];

    private static int Start()
    {
        var port = LoopbackPort.Free();
        var options = new SmtpServerOptionsBuilder().ServerName("localhost")
            .Endpoint(endpoint => endpoint.Endpoint(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, port)).IsSecure(false))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store());
        services.Add(new Filter());
        var server = new SmtpServer.SmtpServer(options, services);
        _ = server.StartAsync(CancellationToken.None);
        return port;
    }

    private sealed class Store : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction,
            ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            await using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            if (message.To.Mailboxes.Any(m => m.LocalPart.StartsWith("greylisted", StringComparison.OrdinalIgnoreCase))
                && Deferrals.AddOrUpdate(message.MessageId ?? "", 1, (_, n) => n + 1) <= 2)
                return new SmtpResponse(SmtpReplyCode.Aborted, "Try again later");
            Accepted.Enqueue(message);
            return SmtpResponse.Ok;
        }
    }

    private sealed class Filter : MailboxFilter
    {
        public override Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken) =>
            Task.FromResult(!to.User.StartsWith("refused", StringComparison.OrdinalIgnoreCase));
    }
}
