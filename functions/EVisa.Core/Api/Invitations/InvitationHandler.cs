using EVisa.Core.Identity;
using EVisa.Core.Notifications;
using EVisa.Core.Rules;
using EVisa.Core.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace EVisa.Core.Api.Invitations;

/// <summary>
/// R2: inviting parties register invitations for one named guest, migration officers approve (a 10-digit number) or
/// refuse them, and each party sees its own (another's answers 404, as a missing one does).
/// </summary>
public sealed class InvitationHandler(InvitationStore invitations, TimeProvider clock,
    ILogger<InvitationHandler> logger)
{
    private static readonly IReadOnlyDictionary<string, bool> Decisions = new Dictionary<string, bool>
    {
        ["approve"] = true,
        ["refuse"] = false,
    };

    // R2
    public async Task<IActionResult> RegisterAsync(HttpRequest request)
    {
        var caller = request.HttpContext.GetCaller();
        var (body, problem) = await RequestBodies.ReadObjectAsync(request);
        if (body is null)
            return problem!;

        var fields = new JsonFields();
        var root = body.Root;
        var category = fields.Choice(root, "category", ApiNames.ByName<VisaCategory>());
        var guest = fields.Nested(root, "guest");
        var surname = fields.Text(guest, "guest.surname", 100);
        var givenNames = fields.Text(guest, "guest.givenNames", 100, allowEmpty: true);
        var dateOfBirth = fields.Date(guest, "guest.dateOfBirth");
        var sex = fields.Choice(guest, "guest.sex", SexLetters.ByLetter);
        var nationality = fields.Text(guest, "guest.nationality", 3);
        var passportNumber = PassportNumber.Parse(fields.Text(guest, "guest.passportNumber", 20));
        var entry = fields.Date(root, "intendedEntry");
        var exit = fields.Date(root, "intendedExit");
        var purpose = fields.Text(root, "purpose", 500);
        // Where and in which language the inviting party hears of the decision, the entry and the arrival notice (R13).
        var contactEmail = fields.Text(root, "contactEmail", EmailAddress.MaxLength);
        if (contactEmail is not null && !EmailAddress.IsValid(contactEmail))
            fields.Add("contactEmail", "Must be an email address.");
        var language = fields.Choice(root, "language", ApiNames.ByName<NoticeLanguage>());
        if (nationality is not null && !Countries.IsKnown(nationality))
            fields.Add("guest.nationality", "Must be an ISO 3166-1 alpha-3 code, e.g. CHN.");
        if (passportNumber.Value.Length > 0 && !passportNumber.IsWellFormed)
            fields.Add("guest.passportNumber", "Must be 1 to 9 Latin letters or digits.");
        if (entry is not null && exit is not null && exit < entry)
            fields.Add("intendedExit", "Must not be before the intended entry.");
        if (fields.HasErrors)
            return Problems.Validation(fields.Errors);

        var invitation = new Invitation(Guid.NewGuid().ToString("N"), caller.Subject, category!.Value,
            new InvitationGuest(surname!, givenNames ?? "", dateOfBirth!.Value, sex!.Value, nationality!, passportNumber.Value),
            entry!.Value, exit!.Value, purpose!, InvitationStatus.Pending, clock.GetUtcNow(),
            ContactEmail: contactEmail, Language: language!.Value);
        await invitations.CreateAsync(invitation, request.HttpContext.RequestAborted);
        return new CreatedResult($"/api/invitations/{invitation.InvitationId}", InvitationViewBody.For(invitation));
    }

    // R2
    public async Task<IActionResult> DecideAsync(HttpRequest request, string invitationId)
    {
        var (body, problem) = await RequestBodies.ReadObjectAsync(request);
        if (body is null)
            return problem!;

        var fields = new JsonFields();
        var approve = fields.Choice(body.Root, "decision", Decisions);
        var reason = fields.Text(body.Root, "reason", 1000, required: approve == false);
        if (fields.HasErrors)
            return Problems.Validation(fields.Errors);

        var (outcome, invitation) = await invitations.DecideAsync(invitationId, approve!.Value, reason, clock.GetUtcNow(),
            request.HttpContext.RequestAborted);
        return outcome switch
        {
            InvitationDecisionOutcome.NotFound => Problems.NotFound("invitation"),
            InvitationDecisionOutcome.AlreadyDecided => Problems.Create(StatusCodes.Status409Conflict, "invitation-already-decided",
                "The invitation was already decided.", extensions: new Dictionary<string, object?> { ["invitationStatus"] = invitation?.Status }),
            _ => new OkObjectResult(InvitationViewBody.For(invitation!)),
        };
    }

    public async Task<IActionResult> GetAsync(HttpRequest request, string invitationId)
    {
        var caller = request.HttpContext.GetCaller();
        var invitation = await invitations.GetAsync(invitationId, request.HttpContext.RequestAborted);
        if (invitation is null || (caller.Role == Role.Inviter && invitation.InviterId != caller.Subject))
        {
            logger.LogInformation("Invitation {InvitationId} not shown to the caller", invitationId);
            return Problems.NotFound("invitation");
        }

        return new OkObjectResult(InvitationViewBody.For(invitation));
    }
}
