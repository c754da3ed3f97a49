using Azure.Data.Tables;
using EVisa.Core.Storage;
using EVisa.Core.Visas;
using EVisa.Core.Workflow;
using EVisa.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EVisa.Tests.Pipeline;

/// <summary>Activities run again after a crash or a retry: the second run must double nothing.</summary>
public sealed class IdempotentActivityTests
{
    [Fact]
    [Trait("Rule", "R2")]
    public async Task Issuing_twice_for_one_application_gives_one_visa_number_and_another_application_cannot_reuse_the_invitation()
    {
        var server = await TestServers.SharedAsync();
        var scenario = new PipelineScenario(server);
        var number = await scenario.ApprovedInvitationAsync();
        var invitation = (await server.Services.GetRequiredService<InvitationStore>().FindByNumberAsync(number, CancellationToken.None))!;
        var issuer = server.Services.GetRequiredService<VisaIssuer>();
        var draft = new DraftVisa(number, "tourist", 1, scenario.Entry, scenario.Exit, ["NQZ", "ALA"], "Li", "Wei",
            scenario.PassportNumber, "CHN", new DateOnly(1990, 5, 1), "M", []);
        var applicationId = Guid.NewGuid().ToString("N");

        var at = DateTimeOffset.UtcNow;
        var first = await issuer.IssueForApplicationAsync(new IssueVisaInput(applicationId, "applicant-1", invitation.InvitationId, draft, at), CancellationToken.None);
        var second = await issuer.IssueForApplicationAsync(new IssueVisaInput(applicationId, "applicant-1", invitation.InvitationId, draft, at), CancellationToken.None);
        var other = await issuer.IssueForApplicationAsync(
            new IssueVisaInput(Guid.NewGuid().ToString("N"), "applicant-2", invitation.InvitationId, draft, at), CancellationToken.None);

        Assert.NotNull(first.VisaNumber);
        Assert.Equal(first.VisaNumber, second.VisaNumber);
        var visas = server.Services.GetRequiredService<EVisa.Core.Visas.VisaStore>();
        Assert.Equal(first.VisaNumber, await visas.FindNumberForApplicationAsync(applicationId, CancellationToken.None));
        Assert.Equal(1, await visas.CountPdfsAsync(first.VisaNumber!, CancellationToken.None));
        Assert.Null(other.VisaNumber);
        Assert.Equal(InvitationReasons.Used, other.Refusal!.Code);
    }

    [Fact]
    public async Task Recording_a_status_twice_writes_one_notification_and_one_index_row()
    {
        var server = await TestServers.SharedAsync();
        var store = server.Services.GetRequiredService<ApplicationStatusStore>();
        var tables = server.Services.GetRequiredService<StorageTables>();
        var applicationId = Guid.NewGuid().ToString("N");
        var at = DateTimeOffset.UtcNow;
        var confirming = new ApplicationStatusChange(applicationId, "applicant-x", "x@example.com", ApplicationStatus.AwaitingConfirmation, at);
        var expired = confirming with { Status = ApplicationStatus.Expired, At = at.AddSeconds(1) };

        await store.RecordAsync(confirming);
        await store.RecordAsync(confirming);
        await store.RecordAsync(expired);
        await store.RecordAsync(expired);

        var outbox = await tables.GetAsync(StorageTables.Outbox);
        var notifications = new List<string>();
        await foreach (var row in outbox.QueryAsync<TableEntity>(e => e.PartitionKey == applicationId))
            notifications.Add(row.RowKey);
        Assert.Equal(["application-awaiting-confirmation", "application-expired"], notifications.Order());

        var index = await tables.GetAsync(StorageTables.ApplicationsByStatus);
        var indexed = new List<string>();
        await foreach (var row in index.QueryAsync<TableEntity>(e => e.RowKey == applicationId))
            indexed.Add(row.PartitionKey);
        Assert.Equal(["expired"], indexed);
    }
}
