namespace EVisa.Core.Rules;

/// <summary>
/// One line of a seed country list (R3) and the ISO 3166-1 alpha-3 code it was mapped to. The seed's
/// number and spelling are kept so a reviewer can hold the table against the published text line by line.
/// </summary>
/// <param name="Number">The line's number in the seed list (1-based).</param>
/// <param name="SeedName">The name as the seed spells it, after repairing OCR debris (see the table's comments).</param>
/// <param name="Code">The ISO 3166-1 alpha-3 code the name was mapped to.</param>
public sealed record SeedCountryEntry(int Number, string SeedName, string Code);
