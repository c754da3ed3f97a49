using System.Diagnostics.CodeAnalysis;
using EVisa.Core.Rules;
using EVisa.Core.Storage;

namespace EVisa.Core.Api.Invitations;

/// <summary>
/// The body of <c>GET /api/invitations/{id}</c>, which the registration, the decision and the officers' pending queue
/// answer too; the inviting party's list adds the guest's visa (<see cref="InvitationListItem"/>).
/// </summary>
public record InvitationViewBody
{
    public required string InvitationId { get; init; }
    public required InvitationStatus Status { get; init; }
    public string? InvitationNumber { get; init; }
    public required string Category { get; init; }
    public required object Guest { get; init; }
    public DateOnly IntendedEntry { get; init; }
    public DateOnly IntendedExit { get; init; }
    public required string Purpose { get; init; }
    public string? ContactEmail { get; init; }
    public required string Language { get; init; }
    public string? RefusalReason { get; init; }
    public DateTimeOffset RegisteredAt { get; init; }
    public DateTimeOffset? DecidedAt { get; init; }
    public bool Used { get; init; }
    public DateOnly ExpiresAfter { get; init; }

    public static InvitationViewBody For(Invitation i) => new()
    {
        InvitationId = i.InvitationId,
        Status = i.Status,
        InvitationNumber = i.InvitationNumber,
        Category = i.Category.ToApiName(),
        Guest = new
        {
            i.Guest.Surname,
            i.Guest.GivenNames,
            i.Guest.DateOfBirth,
            Sex = i.Guest.Sex.ToLetter(),
            i.Guest.Nationality,
            i.Guest.PassportNumber,
        },
        IntendedEntry = i.IntendedEntry,
        IntendedExit = i.IntendedExit,
        Purpose = i.Purpose,
        ContactEmail = i.ContactEmail,
        Language = i.Language.ToApiName(),
        RefusalReason = i.RefusalReason,
        RegisteredAt = i.RegisteredAt,
        DecidedAt = i.DecidedAt,
        Used = i.UsedByApplicationId is not null,
        ExpiresAfter = i.IntendedExit,
    };
}

/// <summary>An item of the inviting party's list: the invitation's view and its guest's visa, null until issued.</summary>
public sealed record InvitationListItem : InvitationViewBody
{
    [SetsRequiredMembers]
    public InvitationListItem(InvitationViewBody view, object? guestVisa)
        : base(view)
    {
        GuestVisa = guestVisa;
    }

    public object? GuestVisa { get; init; }
}
