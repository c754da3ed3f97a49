namespace EVisa.Core.Visas;

/// <summary>
/// R13 as the inviting party follows it: the notice's last day and deadline, when filed and with which place of stay
/// (the party's own filing, shown back to it), and whether it is late.
/// </summary>
public sealed record GuestArrivalNotice(DateOnly LastDay, DateTimeOffset Deadline, DateTimeOffset? FiledAt, bool Overdue, string? PlaceOfStay);

/// <summary>
/// What an inviting party sees of its guest's visa: no personal data beyond what the invitation already holds, only the
/// visa's number, validity, revocation, the crossings (R4) and the arrival notice it owes (R13).
/// </summary>
public sealed record GuestVisa(
    string VisaNumber,
    string ApplicationId,
    DateOnly ValidFrom,
    DateOnly ValidUntil,
    bool Revoked,
    VisaCrossing? Entry,
    VisaCrossing? Exit,
    GuestArrivalNotice? ArrivalNotice)
{
    /// <param name="now">Whether an unfiled notice is overdue is decided at this instant.</param>
    public static GuestVisa Of(VisaRecord visa, DateTimeOffset now) => new(
        visa.VisaNumber,
        visa.ApplicationId,
        visa.ValidFrom,
        visa.ValidUntil,
        visa.Revocation is not null,
        visa.Entry,
        visa.Exit,
        visa.ArrivalNotice is { } notice
            ? new GuestArrivalNotice(notice.LastDay, notice.Deadline, notice.FiledAt, notice.FiledAt is null && now >= notice.Deadline,
                notice.PlaceOfStay)
            : null);
}
