namespace EVisa.Core.Rules;

/// <summary>
/// The machine-readable reasons a rule gives. These strings are an API contract (problem details, stored
/// application reasons): add new ones, never rename or reuse one.
/// </summary>
/// <remarks>
/// Each set of reason codes is a <c>...Reasons</c> class beside the check that gives them: these in <c>Rules/</c>,
/// <c>Workflow/InvitationReasons</c> (R2, needs the stored invitation), <c>Visas/VisaReasons</c> (the border's checks
/// of a visa), <c>Payments/PaymentReviewReasons</c> (R8). Rules/ stays pure, so codes that need a store live with it.
/// </remarks>
public static class RuleReasons
{
    // R3: who may apply for what.
    // Spelled as the eligibility endpoint on main already answers it, so one meaning has one code.
    public const string NationalityUnknown = "unknown-nationality";
    public const string NationalityNotEligible = "nationality-not-eligible";

    // Typed passport data (R10: the visa is printed from it, so it must be what the passport says).
    public const string PassportNumberMalformed = "passport-number-malformed";
    public const string PassportNameMalformed = "passport-name-malformed";
    public const string PassportNationalityUnknown = "passport-nationality-unknown";
    public const string PassportIssuingStateUnknown = "passport-issuing-state-unknown";
    public const string PassportDatesOutOfOrder = "passport-dates-out-of-order";
    public const string PassportIssuedInFuture = "passport-issued-in-future";

    // R9.1 to R9.4.
    public const string PassportConditionNotDeclared = "passport-condition-not-declared";
    public const string PassportDamaged = "passport-damaged";
    public const string PassportTooFewBlankPages = "passport-too-few-blank-pages";
    public const string PassportExpiresTooSoon = "passport-expires-too-soon";
    public const string PassportExtensionNotMarked = "passport-extension-not-marked";

    // The machine-readable zone (R9.1 doubt about authenticity, R10 disagreement).
    public const string MrzMalformed = "mrz-malformed";
    public const string MrzCheckDigitFailed = "mrz-check-digit-failed";
    public const string MrzMismatch = "mrz-mismatch";

    // Visa validity from the invitation's dates.
    public const string VisaEntryInPast = "visa-entry-in-past";
    public const string VisaExitBeforeEntry = "visa-exit-before-entry";
    public const string VisaStayTooLong = "visa-stay-too-long";
}
