using System.Net;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using EVisa.Core.Rules;
using EVisa.Core.Storage;

namespace EVisa.Core.Visas;

/// <summary>The outcome of a conditional change: the visa as it now stands, and what the decision said.</summary>
public sealed record VisaChange<T>(VisaRecord Visa, T Outcome);

/// <summary>
/// The issued visas: table <c>Visas</c> (PartitionKey the visa number, RowKey <c>visa</c>), table
/// <c>VisasByApplication</c> (PartitionKey the application id, RowKey <c>visa</c>: the application's one visa,
/// R6), and the PDFs in blob container <c>visas</c> as <c>{visaNumber}.pdf</c>. The table names live here rather
/// than in <see cref="StorageTables"/> because only this store reads or writes them. The RowKey is not empty so
/// that other rows keyed by the visa number can share the partition without colliding with this one.
/// </summary>
public sealed class VisaStore(StorageTables tables, BlobServiceClient blobs)
{
    public const string VisasTable = "Visas";
    public const string ByApplicationTable = "VisasByApplication";

    /// <summary>Visa numbers claimed by applications before issue (PartitionKey the number, RowKey empty).</summary>
    public const string NumbersTable = "VisaNumbers";
    public const string Container = "visas";
    private const string RowKey = "visa";

    // A decision re-reads after every lost race; under 50 concurrent writers one wins per round and the rest then
    // refuse on the re-read, so a handful of rounds always suffices. The bound only stops a livelock bug.
    private const int MaxAttempts = 20;

    private readonly CreatedOnce<BlobContainerClient> _container = new(async () =>
    {
        var container = blobs.GetBlobContainerClient(Container);
        await container.CreateIfNotExistsAsync();
        return container;
    });

    public static string BlobNameFor(string visaNumber) => $"{visaNumber}.pdf";

    /// <summary>
    /// Claims <paramref name="visaNumber"/> for the application, so no other application is given it. True when the
    /// number is this application's (claimed now or by an earlier attempt), false when another holds it.
    /// </summary>
    public async Task<bool> ClaimNumberAsync(string visaNumber, string applicationId, CancellationToken cancellationToken) =>
        await ClaimAsync(NumbersTable, visaNumber, "", "ApplicationId", applicationId, cancellationToken) == applicationId;

    /// <summary>
    /// R6: claims the application's one visa number. Returns the number the application has: this one, or the
    /// one an earlier call claimed (then the caller carries on with that one, never a second visa).
    /// </summary>
    public Task<string> ClaimForApplicationAsync(string applicationId, string visaNumber, CancellationToken cancellationToken) =>
        ClaimAsync(ByApplicationTable, applicationId, RowKey, "VisaNumber", visaNumber, cancellationToken);

    /// <summary>
    /// Both claims are one conditional insert of a row holding <paramref name="value"/>: the value the row holds
    /// afterwards is the claim's winner, this one or the one an earlier insert wrote.
    /// </summary>
    private async Task<string> ClaimAsync(string tableName, string partitionKey, string rowKey, string column, string value,
        CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(tableName);
        try
        {
            await table.AddEntityAsync(new TableEntity(partitionKey, rowKey) { [column] = value }, cancellationToken);
            return value;
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.Conflict)
        {
            var existing = await table.GetEntityAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken);
            return existing.Value.GetString(column);
        }
    }

    /// <summary>
    /// Undoes a claim of a number that turned out to be another application's visa, so that the caller can retry
    /// with another number. Conditional on the row read, so a concurrent claim is never removed by mistake.
    /// </summary>
    public async Task ReleaseClaimAsync(string applicationId, string visaNumber, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(ByApplicationTable);
        var found = await table.GetEntityIfExistsAsync<TableEntity>(applicationId, RowKey, cancellationToken: cancellationToken);
        if (!found.HasValue || found.Value!.GetString("VisaNumber") != visaNumber)
            return;
        try
        {
            await table.DeleteEntityAsync(applicationId, RowKey, found.Value.ETag, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is (int)HttpStatusCode.NotFound or (int)HttpStatusCode.PreconditionFailed)
        {
            // Someone else released or changed it first.
        }
    }

    public async Task<string?> FindNumberForApplicationAsync(string applicationId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(ByApplicationTable);
        var found = await table.GetEntityIfExistsAsync<TableEntity>(applicationId, RowKey, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value!.GetString("VisaNumber") : null;
    }

    /// <summary>The application's visa (R6: one), or null when none was issued.</summary>
    public async Task<VisaRecord?> GetForApplicationAsync(string applicationId, CancellationToken cancellationToken) =>
        await FindNumberForApplicationAsync(applicationId, cancellationToken) is { } number ? await GetAsync(number, cancellationToken) : null;

    /// <summary>Records a new visa; when a row for the number exists already, returns that one unchanged.</summary>
    public async Task<VisaRecord> AddOrGetAsync(VisaRecord visa, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(VisasTable);
        try
        {
            await table.AddEntityAsync(ToEntity(visa), cancellationToken);
            return visa;
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.Conflict)
        {
            return (await GetAsync(visa.VisaNumber, cancellationToken))!;
        }
    }

    public async Task<VisaRecord?> GetAsync(string visaNumber, CancellationToken cancellationToken)
    {
        var found = await GetEntityAsync(visaNumber, cancellationToken);
        return found is null ? null : FromEntity(found);
    }

    /// <summary>
    /// Optimistic concurrency: reads the visa, asks <paramref name="decide"/> for the new state (null: no change),
    /// and writes it only if nobody wrote in between (If-Match with the row's ETag); on 412 it reads again and asks
    /// again, so the decision always sees the latest state. Null when there is no such visa.
    /// </summary>
    public async Task<VisaChange<T>?> ChangeAsync<T>(string visaNumber, Func<VisaRecord, (VisaRecord? Updated, T Outcome)> decide,
        CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(VisasTable);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var entity = await GetEntityAsync(visaNumber, cancellationToken);
            if (entity is null)
                return null;
            var current = FromEntity(entity);
            var (updated, outcome) = decide(current);
            if (updated is null)
                return new VisaChange<T>(current, outcome);
            try
            {
                await table.UpdateEntityAsync(ToEntity(updated), entity.ETag, TableUpdateMode.Replace, cancellationToken);
                return new VisaChange<T>(updated, outcome);
            }
            catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.PreconditionFailed)
            {
                // Someone else changed the visa first: decide again on what they wrote.
            }
        }

        throw new InvalidOperationException($"The visa changed {MaxAttempts} times while one change was being decided.");
    }

    /// <summary>Writes the PDF once: If-None-Match: *, so a retry (or a race) never replaces a printed visa.</summary>
    public async Task WritePdfOnceAsync(string blobName, byte[] pdf, CancellationToken cancellationToken)
    {
        var container = await _container.GetAsync();
        var options = new BlobUploadOptions
        {
            Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/pdf" },
        };
        try
        {
            await container.GetBlobClient(blobName).UploadAsync(new BinaryData(pdf), options, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is (int)HttpStatusCode.Conflict or (int)HttpStatusCode.PreconditionFailed)
        {
            // Already written by an earlier attempt: done.
        }
    }

    /// <summary>The PDF's content, streamed; null when the blob is missing.</summary>
    public async Task<Stream?> OpenPdfAsync(string blobName, CancellationToken cancellationToken)
    {
        var container = await _container.GetAsync();
        try
        {
            var download = await container.GetBlobClient(blobName).DownloadStreamingAsync(cancellationToken: cancellationToken);
            return download.Value.Content;
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>How many PDFs have names that start with <paramref name="prefix"/> (tests check that a retry made no second one).</summary>
    public async Task<int> CountPdfsAsync(string prefix, CancellationToken cancellationToken)
    {
        var container = await _container.GetAsync();
        var count = 0;
        await foreach (var _ in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken))
            count++;
        return count;
    }

    private async Task<TableEntity?> GetEntityAsync(string visaNumber, CancellationToken cancellationToken)
    {
        // Table keys may not contain / \ # ?; such a "number" names no visa.
        if (string.IsNullOrEmpty(visaNumber) || visaNumber.IndexOfAny(['/', '\\', '#', '?']) >= 0)
            return null;
        var table = await tables.GetAsync(VisasTable);
        var found = await table.GetEntityIfExistsAsync<TableEntity>(visaNumber, RowKey, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    private static TableEntity ToEntity(VisaRecord visa)
    {
        var entity = new TableEntity(visa.VisaNumber, RowKey)
        {
            ["ApplicationId"] = visa.ApplicationId,
            ["ApplicantId"] = visa.ApplicantId,
            ["InviterId"] = visa.InviterId,
            ["InvitationNumber"] = visa.InvitationNumber,
            ["PassportNumber"] = visa.PassportNumber,
            ["Surname"] = visa.Surname,
            ["GivenNames"] = visa.GivenNames,
            ["Nationality"] = visa.Nationality,
            ["DateOfBirth"] = TableKeys.Date(visa.DateOfBirth),
            ["Sex"] = visa.Sex.ToLetter(),
            ["Category"] = visa.Category.ToApiName(),
            ["ValidFrom"] = TableKeys.Date(visa.ValidFrom),
            ["ValidUntil"] = TableKeys.Date(visa.ValidUntil),
            ["IssueDate"] = TableKeys.Date(visa.IssueDate),
            ["SealText"] = visa.SealText,
            ["BlobName"] = visa.BlobName,
        };
        if (visa.Entry is { } entry)
        {
            entity["EnteredAt"] = entry.At;
            entity["EntryCheckpoint"] = entry.Checkpoint;
        }

        if (visa.Exit is { } exit)
        {
            entity["ExitedAt"] = exit.At;
            entity["ExitCheckpoint"] = exit.Checkpoint;
        }

        if (visa.ArrivalNotice is { } notice)
        {
            entity["ArrivalNoticeLastDay"] = TableKeys.Date(notice.LastDay);
            entity["ArrivalNoticeDeadline"] = notice.Deadline;
            if (notice.FiledAt is { } filed)
                entity["ArrivalNoticeFiledAt"] = filed;
            if (notice.PlaceOfStay is { } place)
                entity["ArrivalNoticePlaceOfStay"] = place;
        }

        if (visa.Revocation is { } revocation)
        {
            entity["RevokedAt"] = revocation.At;
            entity["RevocationReason"] = revocation.Reason;
            entity["RevokedBy"] = revocation.By;
        }

        return entity;
    }

    private static VisaRecord FromEntity(TableEntity e)
    {
        // Only the store writes the row, with a known category; reading does not fail on one edited by hand.
        _ = ApiNames.TryParse<VisaCategory>(e.GetString("Category"), out var category);
        return new VisaRecord(
            e.PartitionKey,
            e.GetString("ApplicationId"),
            e.GetString("ApplicantId"),
            e.GetString("InviterId"),
            e.GetString("InvitationNumber"),
            e.GetString("PassportNumber"),
            e.GetString("Surname"),
            e.GetString("GivenNames"),
            e.GetString("Nationality"),
            TableKeys.ParseDate(e.GetString("DateOfBirth")),
            SexOf(e.GetString("Sex")),
            category,
            TableKeys.ParseDate(e.GetString("ValidFrom")),
            TableKeys.ParseDate(e.GetString("ValidUntil")),
            TableKeys.ParseDate(e.GetString("IssueDate")),
            e.GetString("SealText"),
            e.GetString("BlobName"),
            e.GetDateTimeOffset("EnteredAt") is { } entered ? new VisaCrossing(entered, e.GetString("EntryCheckpoint")) : null,
            e.GetDateTimeOffset("ExitedAt") is { } exited ? new VisaCrossing(exited, e.GetString("ExitCheckpoint")) : null,
            e.GetDateTimeOffset("ArrivalNoticeDeadline") is { } deadline
                ? new ArrivalNoticeState(TableKeys.ParseDate(e.GetString("ArrivalNoticeLastDay")), deadline, e.GetDateTimeOffset("ArrivalNoticeFiledAt"),
                    e.GetString("ArrivalNoticePlaceOfStay"))
                : null,
            e.GetDateTimeOffset("RevokedAt") is { } revoked
                ? new VisaRevocation(revoked, e.GetString("RevocationReason"), e.GetString("RevokedBy"))
                : null);
    }

    // A letter the visa rows never hold reads as unspecified, as it always has.
    private static Sex SexOf(string letter) => SexLetters.TryParse(letter, out var sex) ? sex : Sex.Unspecified;
}
