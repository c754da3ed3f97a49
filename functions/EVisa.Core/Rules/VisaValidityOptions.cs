namespace EVisa.Core.Rules;

/// <summary>Configurable visa validity, bound from the "Rules:Visa" section.</summary>
public sealed class VisaValidityOptions
{
    public const string SectionName = "Rules:Visa";

    /// <summary>
    /// The longest stay a single e-visa allows, in days counted inclusively (entry day and exit day both
    /// count, as a stay is counted at the border). Default 30, the stay the e-visa programme grants.
    /// </summary>
    public int MaxStayDays { get; set; } = 30;
}
