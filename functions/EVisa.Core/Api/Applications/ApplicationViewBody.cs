using EVisa.Core.Storage;
using EVisa.Core.Workflow;

namespace EVisa.Core.Api.Applications;

/// <summary>
/// The body of <c>GET /api/applications/{id}</c>, which <c>POST /api/applications</c> answers too: what the applicant
/// needs in each status (every reason, the draft to confirm, the fee to pay and a failed attempt, the visa number),
/// all from the one <c>Applications</c> row.
/// </summary>
public static class ApplicationViewBody
{
    public static object For(ApplicationView a) => new
    {
        a.ApplicationId,
        a.Status,
        a.StatusChangedAt,
        a.SubmittedAt,
        Reasons = (a.Reasons ?? []).Select(r => new { r.Code, r.Message, r.Rule, r.Field }),
        DraftVisa = a.Status is ApplicationStatus.AwaitingConfirmation or ApplicationStatus.AwaitingPayment ? a.Draft : null,
        Payment = a.Payment is { } p && a.Status is ApplicationStatus.AwaitingPayment or ApplicationStatus.Issued
            ? new
            {
                p.PaymentReference,
                p.AmountMinor,
                p.Currency,
                // R5: a failed attempt leaves the application awaiting payment; the applicant sees it failed.
                LastFailedAt = a.Status == ApplicationStatus.AwaitingPayment ? a.LastPaymentFailure?.At : null,
            }
            : null,
        a.VisaNumber,
    };
}
