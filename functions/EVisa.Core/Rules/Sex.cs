namespace EVisa.Core.Rules;

/// <summary>The holder's sex as a passport records it: F, M, or X (written "&lt;" in the MRZ).</summary>
public enum Sex
{
    Female,
    Male,
    Unspecified,
}
