using EVisa.Core.Rules;
using EVisa.Core.Visas;

namespace EVisa.Core.Api.Visas;

/// <summary>Body of <c>POST /api/visas/{visaNumber}/entries</c> and <c>/exits</c>.</summary>
/// <param name="Checkpoint">R4: <c>NQZ</c> or <c>ALA</c>.</param>
/// <param name="PassportNumber">R10: the passport the traveller presents.</param>
public sealed record BorderCrossingRequest(string? Checkpoint, string? PassportNumber);

/// <summary>Body of <c>POST /api/visas/{visaNumber}/revocation</c>: an officer's reason, or <c>passport-replaced</c> (R7).</summary>
public sealed record RevocationRequest(string? Reason);

/// <summary>The body of an arrival notice (R13): where the guest stays.</summary>
public sealed record ArrivalNoticeRequest(string? PlaceOfStay);

public sealed record VisaHolderView(string Surname, string GivenNames, string Nationality, DateOnly DateOfBirth, string Sex);

public sealed record ArrivalNoticeView(DateOnly LastDay, DateTimeOffset Deadline, DateTimeOffset? FiledAt, bool Overdue);

public sealed record RevocationView(DateTimeOffset At, string Reason);

/// <summary>
/// A visa as the API shows it to the border, its inviting party and officers. The passport number is not echoed:
/// the border compares the presented one (R10) and gets a reason when it differs.
/// </summary>
public sealed record VisaView(
    string VisaNumber,
    string Category,
    int Entries,
    DateOnly ValidFrom,
    DateOnly ValidUntil,
    DateOnly IssueDate,
    IReadOnlyList<string> Checkpoints,
    VisaHolderView Holder,
    VisaCrossing? Entry,
    VisaCrossing? Exit,
    ArrivalNoticeView? ArrivalNotice,
    RevocationView? Revocation,
    bool ExemptFromRegistration)
{
    public static VisaView From(VisaRecord visa, DateTimeOffset now)
    {
        var today = KazakhstanTime.DateOf(now);
        return new VisaView(
            visa.VisaNumber,
            visa.Category.ToApiName(),
            visa.Entries,
            visa.ValidFrom,
            visa.ValidUntil,
            visa.IssueDate,
            Checkpoint.PermittedCodes,
            new VisaHolderView(visa.Surname, visa.GivenNames, visa.Nationality, visa.DateOfBirth, visa.Sex.ToLetter()),
            visa.Entry,
            visa.Exit,
            visa.ArrivalNotice is { } notice
                ? new ArrivalNoticeView(notice.LastDay, notice.Deadline, notice.FiledAt, notice.FiledAt is null && now >= notice.Deadline)
                : null,
            visa.Revocation is { } revocation ? new RevocationView(revocation.At, revocation.Reason) : null,
            // R12: holders of valid e-visas are exempt from registration.
            visa.ExemptsFromRegistration(today));
    }
}

/// <summary>The answer of <c>GET /api/visas/{visaNumber}/verification</c>: valid or not, every reason, and the visa when known.</summary>
public sealed record VisaVerificationResponse(string VisaNumber, bool Valid, IReadOnlyList<string> Reasons, VisaView? Visa);
