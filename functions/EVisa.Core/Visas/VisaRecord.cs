using EVisa.Core.Rules;

namespace EVisa.Core.Visas;

/// <summary>A border crossing recorded on a visa: when and where (R4).</summary>
public sealed record VisaCrossing(DateTimeOffset At, string Checkpoint);

/// <summary>R13: the inviting party's arrival notice, due after an entry.</summary>
/// <param name="LastDay">The last Kazakh day on which filing is on time.</param>
/// <param name="Deadline">The instant it becomes overdue.</param>
/// <param name="FiledAt">When the inviting party filed it; null while open.</param>
/// <param name="PlaceOfStay">Where the guest stays, as the inviting party filed it (personal data: never logged).</param>
public sealed record ArrivalNoticeState(DateOnly LastDay, DateTimeOffset Deadline, DateTimeOffset? FiledAt, string? PlaceOfStay = null);

/// <summary>Who revoked a visa, when and why (R7 or an officer's decision).</summary>
public sealed record VisaRevocation(DateTimeOffset At, string Reason, string By);

/// <summary>
/// An issued visa as the <c>Visas</c> table keeps it: what was printed, who may see and act on it, and what
/// happened at the border since. Immutable; changes go through <see cref="VisaStore"/> with the row's ETag.
/// </summary>
public sealed record VisaRecord(
    string VisaNumber,
    string ApplicationId,
    string ApplicantId,
    string InviterId,
    string InvitationNumber,
    string PassportNumber,
    string Surname,
    string GivenNames,
    string Nationality,
    DateOnly DateOfBirth,
    Sex Sex,
    VisaCategory Category,
    DateOnly ValidFrom,
    DateOnly ValidUntil,
    DateOnly IssueDate,
    string SealText,
    string BlobName,
    VisaCrossing? Entry = null,
    VisaCrossing? Exit = null,
    ArrivalNoticeState? ArrivalNotice = null,
    VisaRevocation? Revocation = null)
{
    /// <summary>R1: single entry.</summary>
    public int Entries => 1;

    /// <summary>
    /// Why the visa cannot be used on <paramref name="today"/> (a Kazakh date) with the presented passport; empty
    /// when it can. Every reason that applies is listed, so the officer sees the whole picture at once.
    /// </summary>
    public IReadOnlyList<string> Refusals(DateOnly today, string? presentedPassport)
    {
        var reasons = new List<string>();
        if (Revocation is not null)
            reasons.Add(VisaReasons.Revoked);
        if (today < ValidFrom)
            reasons.Add(VisaReasons.NotYetValid);
        if (today > ValidUntil)
            reasons.Add(VisaReasons.Expired);
        // R1: single entry; once the holder has entered and left, the visa is spent.
        if (Entry is not null && Exit is not null)
            reasons.Add(VisaReasons.AlreadyUsed);
        // R10: the visa and the passport must agree.
        if (presentedPassport is not null && !Rules.PassportNumber.Same(PassportNumber, presentedPassport))
            reasons.Add(VisaReasons.PassportMismatch);
        return reasons;
    }

    /// <summary>R12: a holder of a valid e-visa need not register; a revoked or expired visa exempts nobody.</summary>
    public bool ExemptsFromRegistration(DateOnly today) => Revocation is null && today <= ValidUntil;
}
