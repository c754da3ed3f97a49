using Azure.Data.Tables;
using EVisa.Core.Storage;

namespace EVisa.Core.Notifications;

/// <summary>Where and in which language an applicant hears about an application.</summary>
public sealed record NoticeContact(string Email, NoticeLanguage Language);

/// <summary>
/// The applicant's contact per application, in <c>ApplicantContacts</c> (PartitionKey = application id): written at
/// submission, before the application's first row, and read by the sender at send time, so whoever writes a notice
/// needs no address.
/// </summary>
public sealed class ApplicantContactStore(StorageTables tables)
{
    public const string Table = "ApplicantContacts";

    /// <summary>An upsert of the application's one row: a repeated submission writes the same values again.</summary>
    public async Task SaveAsync(string applicationId, NoticeContact contact, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Table);
        await table.UpsertEntityAsync(new TableEntity(applicationId, "")
        {
            ["Email"] = contact.Email,
            ["Language"] = contact.Language.ToApiName(),
        }, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<NoticeContact?> GetAsync(string applicationId, CancellationToken cancellationToken)
    {
        if (!TableKeys.IsValid(applicationId))
            return null;
        var table = await tables.GetAsync(Table);
        var found = await table.GetEntityIfExistsAsync<TableEntity>(applicationId, "", cancellationToken: cancellationToken);
        if (!found.HasValue || found.Value!.GetString("Email") is not { Length: > 0 } email)
            return null;
        return new NoticeContact(email,
            ApiNames.TryParse<NoticeLanguage>(found.Value.GetString("Language"), out var language) ? language : NoticeLanguage.En);
    }
}
