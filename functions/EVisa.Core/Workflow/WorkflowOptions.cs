namespace EVisa.Core.Workflow;

/// <summary>The pipeline's waits, from the "Workflow" section; copied into each orchestration's input at start.</summary>
public sealed class WorkflowOptions
{
    public const string SectionName = "Workflow";

    /// <summary>How long the applicant has to confirm the draft visa before the application expires.</summary>
    public TimeSpan ConfirmationTimeout { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long the fee may stay unpaid before the application expires.</summary>
    public TimeSpan PaymentTimeout { get; set; } = TimeSpan.FromHours(72);
}
