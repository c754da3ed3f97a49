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
