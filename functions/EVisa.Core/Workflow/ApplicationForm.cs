using EVisa.Core.Notifications;
using EVisa.Core.Rules;

namespace EVisa.Core.Workflow;

/// <summary>
/// What the applicant submitted (R5): the invitation number, the category, the passport, a contact email and the
/// language of the notices. The language defaults for orchestrations started before it was asked.
/// </summary>
public sealed record ApplicationForm(string InvitationNumber, VisaCategory Category, PassportDetails Passport, string Email,
    NoticeLanguage Language = NoticeLanguage.En);

/// <summary>
/// The visa as it will be issued, shown to the applicant to confirm against the passport before paying (R10).
/// The MRV-A lines carry no visa number yet: it is allocated at issue.
/// </summary>
public sealed record DraftVisa(
    string InvitationNumber,
    string Category,
    int Entries,
    DateOnly ValidFrom,
    DateOnly ValidUntil,
    IReadOnlyList<string> Checkpoints,
    string Surname,
    string GivenNames,
    string PassportNumber,
    string Nationality,
    DateOnly DateOfBirth,
    string Sex,
    IReadOnlyList<string> Mrz);
