using EVisa.Core.Payments;
using Microsoft.Azure.Functions.Worker;

namespace EVisa.Functions.Payments;

/// <summary>
/// INTERIM, to be deleted when the payments branch merges: the payment step's two activities, trivially, so the
/// pipeline runs end to end before the real ones (which store the request and reconcile the webhook) arrive.
/// </summary>
public sealed class InterimPaymentFunctions(InterimPaymentRequests requests)
{
    [Function(PaymentWorkflow.RequestPaymentActivity)]
    public PaymentRequest RequestPayment([ActivityTrigger] PaymentRequestInput input) => requests.Request(input);

    [Function(PaymentWorkflow.ClosePaymentRequestActivity)]
    public static PaymentRequestClosing ClosePaymentRequest([ActivityTrigger] ClosePaymentRequestInput input) =>
        InterimPaymentRequests.Close(input);
}
