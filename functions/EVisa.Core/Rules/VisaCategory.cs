namespace EVisa.Core.Rules;

/// <summary>The three e-visa categories (R1). Every e-visa is single-entry.</summary>
public enum VisaCategory
{
    Tourist,
    Business,
    Medical,
}
