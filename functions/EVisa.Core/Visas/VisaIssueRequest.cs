using EVisa.Core.Rules;
using EVisa.Core.Workflow;

namespace EVisa.Core.Visas;

/// <summary>The credited application whose visa <see cref="VisaIssuer.IssueForApplicationAsync"/> issues.</summary>
/// <param name="IssuedAt">Orchestration time, so a replayed or retried issue prints the same date.</param>
public sealed record IssueVisaInput(string ApplicationId, string ApplicantId, string InvitationId, DraftVisa Draft, DateTimeOffset IssuedAt);

/// <summary>The issued visa's number, or why it could not be issued.</summary>
public sealed record VisaIssue(string? VisaNumber, RuleViolation? Refusal);

/// <summary>
/// The data of an approved, paid application that <see cref="VisaIssuer"/> turns into a visa, its number allocated
/// already (<see cref="VisaIssuer.IssueForApplicationAsync"/> draws it from the application id, so a retry asks for the
/// same visa), with orchestration time as <paramref name="IssuedAt"/>, so a retry prints the same issue date.
/// </summary>
/// <param name="ApplicationId">The application the visa is issued on; one visa per application (R6).</param>
/// <param name="ApplicantId">The applicant's subject: the only applicant who may download the PDF.</param>
/// <param name="InviterId">The inviting party's subject: the only one who may file the arrival notice (R13).</param>
/// <param name="InvitationNumber">R2: the 10-digit number of the approved invitation.</param>
/// <param name="PassportNumber">R7, R10: the visa is bound to this passport.</param>
/// <param name="VisaNumber">Pre-allocated: 1 to 16 letters or digits (it goes into the MRZ's optional data).</param>
/// <param name="IssuedAt">When the visa is issued; null takes the clock (only for callers that never retry).</param>
public sealed record VisaIssueRequest(
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
    string VisaNumber,
    DateTimeOffset? IssuedAt = null);

/// <summary>What the application's status shows once its visa exists.</summary>
/// <param name="VisaNumber">The visa's number; when the application already had a visa, that one's.</param>
/// <param name="BlobName">The PDF's name in the <c>visas</c> container.</param>
/// <param name="IssueDate">The issue date printed on the visa (Kazakhstan date).</param>
public sealed record VisaIssueResult(string VisaNumber, string BlobName, DateOnly IssueDate);
