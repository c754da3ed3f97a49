using System.Text.Json;
using EVisa.Core.Notifications;
using EVisa.Core.Rules;
using EVisa.Core.Workflow;

namespace EVisa.Core.Api.Applications;

/// <summary>
/// The body of <c>POST /api/applications</c> as an <see cref="ApplicationForm"/>, or every field error. Only the
/// shape is checked here; what the rules decide (eligibility, passport condition, MRZ) is the pipeline's, so that
/// a refusal carries reasons on the application rather than a 400.
/// </summary>
public static class ApplicationFormReader
{
    private static readonly IReadOnlyDictionary<string, PassportValidityExtension> Extensions =
        new Dictionary<string, PassportValidityExtension>
        {
            ["not-extended"] = PassportValidityExtension.NotExtended,
            ["extended-and-marked"] = PassportValidityExtension.ExtendedAndMarked,
            ["extended-without-mark"] = PassportValidityExtension.ExtendedWithoutMark,
        };

    public static (ApplicationForm? Form, IReadOnlyDictionary<string, string[]> Errors) Read(JsonElement root)
    {
        var f = new JsonFields();
        var invitationNumber = f.Text(root, "invitationNumber", 10);
        if (invitationNumber is not null && (invitationNumber.Length != 10 || !invitationNumber.All(char.IsAsciiDigit)))
            f.Add("invitationNumber", "Must be the 10-digit invitation number.");
        var category = f.Choice(root, "category", VisaCategories.ByName);
        var email = f.Text(root, "email", EmailAddress.MaxLength);
        if (email is not null && !EmailAddress.IsValid(email))
            f.Add("email", "Must be an email address.");
        // The language of every notice sent to the applicant.
        var language = f.Choice(root, "language", NoticeLanguages.ByName);

        var p = f.Nested(root, "passport");
        var number = f.Text(p, "passport.number", 20);
        var surname = f.Text(p, "passport.surname", 100);
        var givenNames = f.Text(p, "passport.givenNames", 100, allowEmpty: true);
        var nationality = f.Text(p, "passport.nationality", 3);
        var dateOfBirth = f.Date(p, "passport.dateOfBirth");
        var sex = f.Choice(p, "passport.sex", SexLetters.ByLetter);
        var issuingState = f.Text(p, "passport.issuingState", 3);
        var issueDate = f.Date(p, "passport.issueDate");
        var expiryDate = f.Date(p, "passport.expiryDate");
        var blankPages = f.WholeNumber(p, "passport.blankPages", 0, 1000);
        var condition = f.Nested(p, "passport.condition");
        var reservations = f.Bool(condition, "passport.condition.hasReservationsOrRecords");
        var erasures = f.Bool(condition, "passport.condition.hasErasuresOrCorrections");
        var torn = f.Bool(condition, "passport.condition.hasTornOrEmbroideredPages");
        var extension = f.Choice(p, "passport.validityExtension", Extensions);
        var mrz = f.Strings(p, "passport.mrz", 2, 44);
        if (f.HasErrors)
            return (null, f.Errors);

        var passport = new PassportDetails(number!, surname!, givenNames ?? "", nationality!, dateOfBirth!.Value, sex!.Value,
            issuingState!, issueDate!.Value, expiryDate!.Value, blankPages!.Value,
            new PassportConditionDeclaration(reservations!.Value, erasures!.Value, torn!.Value), extension!.Value,
            mrz is null ? null : new MrzLines(mrz[0], mrz[1]));
        return (new ApplicationForm(invitationNumber!, category!.Value, passport, email!, language!.Value), f.Errors);
    }
}
