using EVisa.Core.Payments;
using Microsoft.Azure.Functions.Worker;

namespace EVisa.Functions.Payments;

/// <summary>The payment step's activities, as functions; the logic lives in EVisa.Core.Payments.</summary>
public sealed class PaymentFunctions(PaymentRequestStore requests)
{
    [Function(PaymentWorkflow.RequestPaymentActivity)]
    public Task<PaymentRequest> RequestPayment([ActivityTrigger] PaymentRequestInput input, CancellationToken cancellationToken) =>
        requests.RequestAsync(input, cancellationToken);

    [Function(PaymentWorkflow.ClosePaymentRequestActivity)]
    public Task<PaymentRequestClosing> ClosePaymentRequest([ActivityTrigger] ClosePaymentRequestInput input, CancellationToken cancellationToken) =>
        requests.CloseAsync(input, cancellationToken);
}
