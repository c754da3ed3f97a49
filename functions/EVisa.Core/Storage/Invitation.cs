using EVisa.Core.Notifications;
using EVisa.Core.Rules;

namespace EVisa.Core.Storage;

/// <summary>Where an invitation stands (R2).</summary>
public enum InvitationStatus
{
    Pending,
    Approved,
    Refused,
}

/// <summary>The named guest of an invitation, as the inviting party typed it.</summary>
public sealed record InvitationGuest(
    string Surname, string GivenNames, DateOnly DateOfBirth, Sex Sex, string Nationality, string PassportNumber);

/// <summary>
/// An invitation for one named guest (R2), with the migration service's decision once made, and where and in which
/// language the inviting party hears about it (invitations registered before that was asked have no contact).
/// </summary>
public sealed record Invitation(
    string InvitationId,
    string InviterId,
    VisaCategory Category,
    InvitationGuest Guest,
    DateOnly IntendedEntry,
    DateOnly IntendedExit,
    string Purpose,
    InvitationStatus Status,
    DateTimeOffset RegisteredAt,
    string? InvitationNumber = null,
    string? RefusalReason = null,
    DateTimeOffset? DecidedAt = null,
    string? UsedByApplicationId = null,
    string? ContactEmail = null,
    NoticeLanguage Language = NoticeLanguage.En)
{
    /// <summary>An invitation expires at its intended exit date: from the day after, it invites nobody.</summary>
    public bool IsExpiredOn(DateOnly today) => today > IntendedExit;
}
