namespace EVisa.Core.Workflow;

/// <summary>
/// The pipeline's settings, from the "Workflow" section. The waits are copied into each orchestration's input at start.
/// </summary>
public sealed class WorkflowOptions
{
    public const string SectionName = "Workflow";

    /// <summary>How long the applicant has to confirm the draft visa before the application expires.</summary>
    public TimeSpan ConfirmationTimeout { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long the fee may stay unpaid before the application expires.</summary>
    public TimeSpan PaymentTimeout { get; set; } = TimeSpan.FromHours(72);

    /// <summary>
    /// What <c>Retry-After</c> tells a client polling an application whose status changes without it (awaiting payment,
    /// being issued), and one that has just confirmed or cancelled.
    /// </summary>
    public TimeSpan StatusRetryAfter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long an accepted submission may take from writing its row to starting its orchestration. An application
    /// awaiting confirmation with no orchestration after that was cut off between the two (a crash), and the
    /// applicant's confirmation or cancellation starts it from the row.
    /// </summary>
    public TimeSpan StartGrace { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long the durable history of a finished orchestration is kept before the purge timer deletes it.</summary>
    public TimeSpan HistoryRetention { get; set; } = TimeSpan.FromDays(30);
}
