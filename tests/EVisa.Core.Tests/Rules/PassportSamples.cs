using EVisa.Core.Rules;

namespace EVisa.Core.Tests.Rules;

/// <summary>Typed passports for the tests: a valid one, and ICAO's Utopian specimen.</summary>
internal static class PassportSamples
{
    public static readonly DateOnly Today = new(2026, 11, 25);

    /// <summary>A visa that ends a month from "today".</summary>
    public static readonly DateOnly VisaEnd = new(2026, 12, 25);

    /// <summary>A passport that passes every check for <see cref="VisaEnd"/> on <see cref="Today"/>.</summary>
    public static PassportDetails Valid() => new(
        Number: "AB1234567",
        Surname: "Dupont-Martin",
        GivenNames: "Marie Claire",
        Nationality: "QAT",
        DateOfBirth: new DateOnly(1985, 4, 2),
        Sex: Sex.Female,
        IssuingState: "QAT",
        IssueDate: new DateOnly(2020, 1, 15),
        ExpiryDate: new DateOnly(2030, 1, 14),
        BlankPages: 10,
        Condition: PassportConditionDeclaration.Intact,
        Extension: PassportValidityExtension.NotExtended);

    /// <summary>The same passport with its own TD3 MRZ attached.</summary>
    public static PassportDetails ValidWithMrz()
    {
        var passport = Valid() with { PersonalNumber = "QX12345678" };
        return passport with { Mrz = Td3Mrz.Write(passport) };
    }

    /// <summary>ICAO 9303 Part 4 specimen: ERIKSSON ANNA MARIA of Utopia.</summary>
    public static readonly MrzLines Specimen = new(
        "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
        "L898902C36UTO7408122F1204159ZE184226B<<<<<10");

    /// <summary>The typed data that matches <see cref="Specimen"/> (Utopia is not ISO, so only the MRZ comparison accepts it).</summary>
    public static PassportDetails SpecimenTyped() => new(
        Number: "L898902C3",
        Surname: "Eriksson",
        GivenNames: "Anna Maria",
        Nationality: "UTO",
        DateOfBirth: new DateOnly(1974, 8, 12),
        Sex: Sex.Female,
        IssuingState: "UTO",
        IssueDate: new DateOnly(2002, 4, 16),
        ExpiryDate: new DateOnly(2012, 4, 15),
        BlankPages: 10,
        Condition: PassportConditionDeclaration.Intact,
        Extension: PassportValidityExtension.NotExtended,
        Mrz: Specimen,
        PersonalNumber: "ZE184226B");
}
