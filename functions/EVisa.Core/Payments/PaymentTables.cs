namespace EVisa.Core.Payments;

/// <summary>
/// The payment step's tables, beside <see cref="Storage.StorageTables"/>'s names, kept with the payment code
/// that owns them.
/// </summary>
public static class PaymentTables
{
    /// <summary>One entity per payment request; PartitionKey = payment reference, RowKey = "".</summary>
    public const string PaymentRequests = "PaymentRequests";

    /// <summary>Every verified webhook event, recorded before it is acted on; PartitionKey = event id, RowKey = "".</summary>
    public const string PaymentEvents = "PaymentEvents";

    /// <summary>Payments an officer must look at (R8); one partition, RowKey = received time + event id.</summary>
    public const string PaymentReviews = "PaymentReviews";
}
