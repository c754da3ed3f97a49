using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using EVisa.Core.Storage;

namespace EVisa.Bench.Load;

/// <summary>What the mail sender did for the run's applications: messages accepted by the SMTP server, and delays.</summary>
public sealed record MailFigures(int Applications, int Records, int Sent, int Dead, LatencySummary ChangeToAcceptance, TimeSpan Waited);

/// <summary>
/// The e-mail figures, read from the <c>Outbox</c>: each record's <c>CreatedAt</c> (written with the status change it
/// announces) against its <c>SentAt</c> (marked once the SMTP server accepted it; the DevServer sends to smtp4dev).
/// Read while the DevServer still runs: it waits until every record of the run's applications is sent or given up
/// (at most <c>wait</c>), since the sweep runs every few seconds. Counts the applicant's messages (partition =
/// application id); each application also sends its inviting party one (the approved invitation).
/// </summary>
public static class MailDelivery
{
    public static async Task<MailFigures> ReadAsync(string storage, IEnumerable<JourneyResult> results, TimeSpan wait)
    {
        var outbox = new TableClient(storage, StorageTables.Outbox);
        var ids = results.Select(r => r.ApplicationId).OfType<string>().ToList();
        var watch = Stopwatch.StartNew();
        List<TableEntity> rows;
        while (true)
        {
            rows = [];
            foreach (var id in ids)
            {
                await foreach (var row in outbox.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {id}"),
                    select: ["CreatedAt", "SentAt", "DeadAt"]))
                {
                    rows.Add(row);
                }
            }

            if (rows.All(r => r.GetDateTimeOffset("SentAt") is not null || r.GetDateTimeOffset("DeadAt") is not null) || watch.Elapsed > wait)
                break;
            await Task.Delay(TimeSpan.FromSeconds(2));
        }

        var delays = rows.Where(r => r.GetDateTimeOffset("SentAt") is not null && r.GetDateTimeOffset("CreatedAt") is not null)
            .Select(r => (r.GetDateTimeOffset("SentAt")!.Value - r.GetDateTimeOffset("CreatedAt")!.Value).TotalMilliseconds)
            .ToList();
        return new MailFigures(ids.Count, rows.Count, delays.Count, rows.Count(r => r.GetDateTimeOffset("DeadAt") is not null),
            LatencySummary.Of("status change → SMTP acceptance", delays, 0), watch.Elapsed);
    }

    public static void Print(MailFigures mail)
    {
        Console.WriteLine();
        Console.WriteLine("| mail (issue 15) | result |");
        Console.WriteLine("|---|---|");
        var perApplication = mail.Applications == 0 ? 0 : (double)mail.Sent / mail.Applications;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| messages to the applicant per application | {perApplication:0.00} ({mail.Sent} accepted of {mail.Records} records, {mail.Dead} dead letters; + 1 to the inviting party) |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| status change → SMTP acceptance | p50 {mail.ChangeToAcceptance.P50:0} ms, p95 {mail.ChangeToAcceptance.P95:0} ms, p99 {mail.ChangeToAcceptance.P99:0} ms, max {mail.ChangeToAcceptance.Max:0} ms |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| waited after the last journey for the outbox to drain | {mail.Waited.TotalSeconds:0.0} s |"));
    }
}
