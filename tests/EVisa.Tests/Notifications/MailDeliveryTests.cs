using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EVisa.Core.Identity;
using EVisa.Core.Notifications;
using EVisa.Core.Rules;
using EVisa.Core.Storage;
using EVisa.DevServer;
using EVisa.DevServer.Storage;
using EVisa.Tests.Faults;
using EVisa.Tests.Infrastructure;
using EVisa.Tests.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EVisa.Tests.Notifications;

/// <summary>A DevServer whose outbox has a pending index of its own, so only these tests' sweeps send its mail.</summary>
public sealed class MailServerFixture : IAsyncLifetime
{
    public CapturedLogs Logs { get; } = new();

    public DevServerHost Server { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Server = await TestServers.StartAsync(TestServers.UniqueHub("mail"), Logs, settings: new Dictionary<string, string?>
        {
            ["Mail:PendingTable"] = "MailPending" + Guid.NewGuid().ToString("N")[..16],
            ["Mail:FirstRetryDelay"] = "00:00:00",
            ["Mail:MaxAttempts"] = "3",
        });

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>Every notice reaches a real SMTP server, in the person's language, once, or ends in the dead-letter list.</summary>
public sealed class MailDeliveryTests(MailServerFixture fixture) : IClassFixture<MailServerFixture>
{
    private DevServerHost Server => fixture.Server;

    private OutboxSender Sender => Server.Services.GetRequiredService<OutboxSender>();

    [Fact]
    [Trait("Rule", "R8")]
    [Trait("Rule", "R13")]
    public async Task A_whole_application_sends_exactly_its_notices_in_the_chosen_languages_to_the_right_addresses()
    {
        var id = Guid.NewGuid().ToString("N")[..12];
        var scenario = new PipelineScenario(Server)
        {
            Email = $"guest-{id}@example.com",
            Language = "kk",
            InviterEmail = $"host-{id}@example.kz",
            InviterLanguage = "ru",
            // Valid from today (Kazakhstan's date, as the border reads it), so the guest can enter now.
            Entry = KazakhstanTime.DateOf(DateTimeOffset.UtcNow),
            Exit = KazakhstanTime.DateOf(DateTimeOffset.UtcNow).AddDays(10),
        };
        var world = await IssuedWorld.CreateAsync(Server, scenario);
        var entered = await Server.ClientFor("border-mail", Role.Border).PostJsonAsync($"/api/visas/{world.VisaNumber}/entries",
            new { checkpoint = "NQZ", passportNumber = scenario.PassportNumber });
        Assert.Equal(HttpStatusCode.Created, entered.StatusCode);

        await Sender.RunAsync();
        await Sender.RunAsync(); // a second sweep sends nothing again

        var guest = SharedSmtp.To(scenario.Email);
        var app = world.ApplicationId;
        Assert.Equal(
            new[] { "application-submitted", "application-awaiting-confirmation", "application-awaiting-payment", "payment-received", "application-issued" }
                .Select(t => $"{app}.{t}@evisa.local").Order(),
            guest.Select(m => m.MessageId).Order());
        var host = SharedSmtp.To(scenario.InviterEmail);
        Assert.Equal(new[] { $"{world.InvitationId}.invitation-approved@evisa.local", $"{app}.guest-entered@evisa.local" }.Order(),
            host.Select(m => m.MessageId).Order());

        // Kazakh for the guest, Russian for the inviting party; subjects and texts from the templates.
        var submitted = guest.Single(m => m.MessageId!.Contains("application-submitted", StringComparison.Ordinal));
        Assert.Equal($"Электрондық визаға {app} өтінішіңіз қабылданды", submitted.Subject);
        Assert.All(guest, m => Assert.Matches("[әғқңөұүі]", m.TextBody));
        var payment = guest.Single(m => m.MessageId!.Contains("awaiting-payment", StringComparison.Ordinal));
        Assert.Contains("Төленген консулдық алым қайтарылмайды.", payment.TextBody, StringComparison.Ordinal); // R8
        var issued = guest.Single(m => m.MessageId!.Contains("application-issued", StringComparison.Ordinal));
        Assert.Equal($"Сіздің {world.VisaNumber} электрондық визаңыз берілді", issued.Subject);
        Assert.Contains("(NQZ)", issued.TextBody, StringComparison.Ordinal); // R4
        Assert.Contains("(ALA)", issued.TextBody, StringComparison.Ordinal);
        Assert.Contains("үш жұмыс күні", issued.TextBody, StringComparison.Ordinal); // R13
        Assert.Contains("<html lang=\"kk\">", issued.HtmlBody, StringComparison.Ordinal);
        var draft = guest.Single(m => m.MessageId!.Contains("awaiting-confirmation", StringComparison.Ordinal));
        Assert.Contains(scenario.PassportNumber, draft.TextBody, StringComparison.Ordinal); // R10: the data to compare

        var approved = host.Single(m => m.MessageId!.Contains("invitation-approved", StringComparison.Ordinal));
        Assert.Equal($"Приглашение одобрено: номер {world.InvitationNumber}", approved.Subject);
        var guestEntered = host.Single(m => m.MessageId!.Contains("guest-entered", StringComparison.Ordinal));
        Assert.Contains("уведомить миграционные органы", guestEntered.TextBody, StringComparison.Ordinal);
        Assert.All(guest.Concat(host), m => Assert.Equal("no-reply@evisa.local", m.From.Mailboxes.Single().Address));

        // Each record is marked sent with its Message-ID, after the server took it.
        var record = await Server.Services.GetRequiredService<OutboxStore>().GetAsync(app, "application-issued", CancellationToken.None);
        Assert.NotNull(record?.SentAt);

        // No address, name or passport number in any log line.
        string[] personal = [scenario.Email, scenario.InviterEmail, scenario.PassportNumber, scenario.Surname + " ", scenario.DateOfBirth];
        Assert.DoesNotContain(fixture.Logs.Lines, line => personal.Any(value => line.Contains(value, StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public async Task An_smtp_outage_in_the_middle_loses_nothing_and_sends_nothing_twice_once_it_recovers()
    {
        var id = Guid.NewGuid().ToString("N")[..12];
        var scenario = new PipelineScenario(Server) { Email = $"outage-{id}@example.com", Language = "en", InviterEmail = $"outage-host-{id}@example.kz" };
        var applicationId = await scenario.AwaitingPaymentAsync();

        // The server is down: nothing answers on its port. Each sweep fails to connect, sends nothing, and loses nothing.
        var down = Options.Create(new MailOptions
        {
            Host = "127.0.0.1",
            Port = LoopbackPort.Free(),
            FirstRetryDelay = TimeSpan.Zero,
            MaxAttempts = 50,
            PendingTable = Server.Services.GetRequiredService<IOptions<MailOptions>>().Value.PendingTable,
            Timeout = TimeSpan.FromSeconds(5)
        });
        var outage = new OutboxSender(Server.Services.GetRequiredService<OutboxStore>(), Server.Services.GetRequiredService<NoticeRenderer>(),
            Server.Services.GetRequiredService<MailDeadLetterStore>(), down, TimeProvider.System,
            Server.Services.GetRequiredService<ILogger<OutboxSender>>());
        for (var i = 0; i < 5; i++)
            Assert.Equal(0, (await outage.RunAsync()).Sent);
        Assert.Empty(SharedSmtp.To(scenario.Email));

        // Back up: everything written before and during the outage arrives, once, however often the sweep runs.
        (await scenario.Applicant.PostAsync($"/api/applications/{applicationId}/cancellation", null)).EnsureSuccessStatusCode();
        await scenario.StatusBecomesAsync(applicationId, "cancelled");
        for (var i = 0; i < 3; i++)
            await Sender.RunAsync();
        Assert.Equal(
            new[] { "application-submitted", "application-awaiting-confirmation", "application-awaiting-payment", "application-cancelled" }
                .Select(t => $"{applicationId}.{t}@evisa.local").Order(),
            SharedSmtp.To(scenario.Email).Select(m => m.MessageId).Order());
        Assert.Single(SharedSmtp.To(scenario.InviterEmail));
        Assert.DoesNotContain(await DeadLettersAsync(), d => d.GetProperty("reference").GetString() == applicationId);
    }

    [Fact]
    public async Task A_4xx_answer_is_retried_with_backoff_and_the_message_arrives_once()
    {
        var id = Guid.NewGuid().ToString("N")[..12];
        var scenario = new PipelineScenario(Server) { Email = $"greylisted-{id}@example.com", InviterEmail = $"host-grey-{id}@example.kz" };
        var applicationId = await scenario.ApplyAsync();
        await scenario.StatusBecomesAsync(applicationId, "awaiting-confirmation");

        for (var i = 0; i < 4; i++)
            await Sender.RunAsync();

        Assert.Equal(new[] { "application-awaiting-confirmation", "application-submitted" }.Select(t => $"{applicationId}.{t}@evisa.local"),
            SharedSmtp.To(scenario.Email).Select(m => m.MessageId).Order());
        var record = await Server.Services.GetRequiredService<OutboxStore>().GetAsync(applicationId, "application-submitted", CancellationToken.None);
        Assert.Equal(3, record!.Attempts); // two 451 answers, then accepted
        Assert.NotNull(record.SentAt);
    }

    [Fact]
    public async Task A_permanently_refused_address_ends_in_the_dead_letter_list_officers_page_through()
    {
        var id = Guid.NewGuid().ToString("N")[..12];
        var scenario = new PipelineScenario(Server) { Email = $"refused-{id}@example.com", Language = "ru", InviterEmail = $"host-ok-{id}@example.kz" };
        var applicationId = await scenario.ApplyAsync();
        await scenario.StatusBecomesAsync(applicationId, "awaiting-confirmation");

        await Sender.RunAsync();
        await Sender.RunAsync();

        Assert.Empty(SharedSmtp.To(scenario.Email));
        Assert.Single(SharedSmtp.To(scenario.InviterEmail)); // the inviting party's notice still went
        var letters = (await DeadLettersAsync()).Where(d => d.GetProperty("reference").GetString() == applicationId).ToList();
        Assert.Equal(new[] { "application-awaiting-confirmation", "application-submitted" }, letters.Select(d => d.GetProperty("templateId").GetString()).Order());
        Assert.All(letters, d => Assert.Equal("smtp-550", d.GetProperty("reason").GetString()));
        Assert.All(letters, d => Assert.Equal(1, d.GetProperty("attempts").GetInt32()));
        Assert.DoesNotContain(fixture.Logs.Lines, line => line.Contains(scenario.Email, StringComparison.OrdinalIgnoreCase));

        // Officers only.
        var applicant = await scenario.Applicant.GetAsync("/api/notifications/dead-letters");
        Assert.Equal(HttpStatusCode.Forbidden, applicant.StatusCode);
    }

    /// <summary>Every dead letter, page by page, as an officer reads them.</summary>
    private async Task<List<JsonElement>> DeadLettersAsync()
    {
        var officer = Server.ClientFor("officer-mail", Role.Officer);
        var all = new List<JsonElement>();
        string? token = null;
        do
        {
            var page = await officer.GetFromJsonAsync<JsonElement>(
                "/api/notifications/dead-letters?pageSize=2" + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token)));
            all.AddRange(page.GetProperty("items").EnumerateArray());
            token = page.TryGetProperty("continuationToken", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (token is not null);
        return all;
    }
}
