namespace EVisa.Core.Workflow;

/// <summary>Where an application stands (DESIGN.md, "The HTTP interface").</summary>
public enum ApplicationStatus
{
    Submitted,
    Refused,
    AwaitingConfirmation,
    AwaitingPayment,
    Issued,
    Cancelled,
    Expired,
}

public static class ApplicationStatusNames
{
    public static string ToApiName(this ApplicationStatus status) => status switch
    {
        ApplicationStatus.Submitted => "submitted",
        ApplicationStatus.Refused => "refused",
        ApplicationStatus.AwaitingConfirmation => "awaiting-confirmation",
        ApplicationStatus.AwaitingPayment => "awaiting-payment",
        ApplicationStatus.Issued => "issued",
        ApplicationStatus.Cancelled => "cancelled",
        ApplicationStatus.Expired => "expired",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
