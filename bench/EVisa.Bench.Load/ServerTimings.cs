using Azure.Data.Tables;
using EVisa.Core.Payments;
using EVisa.Core.Storage;

namespace EVisa.Bench.Load;

/// <summary>
/// Latencies as the service itself recorded them, free of the client's polling interval: a status is reached when
/// its notification is written to the <c>Outbox</c> (its <c>CreatedAt</c>, by the recording activity, just before the
/// status row), submission is the application's <c>SubmittedAt</c>, a payment arrives at its event's
/// <c>ReceivedAt</c>. One machine, one clock.
/// </summary>
public static class ServerTimings
{
    public static async Task<(List<double> ToAwaitingConfirmation, List<double> PaymentToIssued)> ReadAsync(
        string storage, IEnumerable<JourneyResult> results)
    {
        var outbox = new TableClient(storage, StorageTables.Outbox);
        var applications = new TableClient(storage, StorageTables.Applications);
        var events = new TableClient(storage, PaymentTables.PaymentEvents);
        var toConfirmation = new List<double>();
        var toIssued = new List<double>();
        foreach (var result in results.Where(r => r.ApplicationId is not null))
        {
            var id = result.ApplicationId!;
            var submitted = await TimeAsync(applications, id, "", "SubmittedAt");
            var draft = await TimeAsync(outbox, id, "application-awaiting-confirmation", "CreatedAt");
            if (submitted is not null && draft is not null)
                toConfirmation.Add((draft.Value - submitted.Value).TotalMilliseconds);
            if (result.PaymentEventId is null)
                continue;
            var received = await TimeAsync(events, result.PaymentEventId, "", "ReceivedAt");
            var issued = await TimeAsync(outbox, id, "application-issued", "CreatedAt");
            if (received is not null && issued is not null)
                toIssued.Add((issued.Value - received.Value).TotalMilliseconds);
        }

        return (toConfirmation, toIssued);
    }

    private static async Task<DateTimeOffset?> TimeAsync(TableClient table, string partitionKey, string rowKey, string property)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, select: [property]);
        return row.HasValue ? row.Value!.GetDateTimeOffset(property) : null;
    }
}
