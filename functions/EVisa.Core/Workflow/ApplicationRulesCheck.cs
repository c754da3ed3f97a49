using EVisa.Core.Rules;
using Microsoft.Extensions.Options;

namespace EVisa.Core.Workflow;

public sealed record RulesCheckInput(string ApplicationId, ApplicationForm Form, DateOnly? IntendedEntry, DateOnly? IntendedExit);

/// <summary>Every reason the rules refuse, or the draft visa when none does.</summary>
public sealed record RulesCheck(IReadOnlyList<RuleViolation> Violations, DraftVisa? Draft);

/// <summary>
/// The pipeline's second step: eligibility (R3), the passport (R9, R10) and the visa's validity from the invitation's
/// dates, all at once so a refusal lists every reason; then the draft visa with its MRV-A lines.
/// </summary>
public sealed class ApplicationRulesCheck(
    TimeProvider clock, IOptions<PassportRuleOptions> passportOptions, IOptions<VisaValidityOptions> visaOptions)
{
    public const string ActivityName = "CheckApplicationRules";

    // R3, R9, R10
    public RulesCheck Check(RulesCheckInput input)
    {
        var today = KazakhstanTime.Today(clock);
        var form = input.Form;
        var violations = new List<RuleViolation>(EligibilityRules.Check(form.Passport.Nationality, form.Category));

        VisaValidity? validity = null;
        if (input.IntendedEntry is { } entry && input.IntendedExit is { } exit)
        {
            var outcome = VisaValidityRules.FromInvitation(entry, exit, today, visaOptions.Value);
            violations.AddRange(outcome.Violations);
            validity = outcome.Value;
        }

        // Without a usable invitation there is no visa end date, so R9.3 cannot be judged yet: the minimum date
        // makes it pass, and the invitation's own reason already refuses.
        var visaEnd = validity?.ValidUntil ?? input.IntendedExit ?? DateOnly.MinValue;
        violations.AddRange(PassportRules.Check(form.Passport, visaEnd, today, passportOptions.Value));

        if (violations.Count > 0 || validity is null)
            return new RulesCheck(violations, null);
        return new RulesCheck(violations, Draft(form, validity));
    }

    private static DraftVisa Draft(ApplicationForm form, VisaValidity validity)
    {
        var p = form.Passport;
        var mrz = MrvA.Write(new MrvAData(p.Number, p.Surname, p.GivenNames, p.Nationality, p.DateOfBirth, p.Sex, validity.ValidUntil));
        return new DraftVisa(form.InvitationNumber, form.Category.ToApiName(), validity.Entries, validity.ValidFrom, validity.ValidUntil,
            Checkpoint.PermittedCodes, p.Surname, p.GivenNames, PassportNumber.Parse(p.Number).Value, p.Nationality, p.DateOfBirth, p.Sex.ToLetter(),
            [mrz.Line1, mrz.Line2]);
    }
}
