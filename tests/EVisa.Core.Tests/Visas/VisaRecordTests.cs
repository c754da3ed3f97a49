using EVisa.Core.Rules;
using EVisa.Core.Visas;

namespace EVisa.Core.Tests.Visas;

/// <summary>The verification reasons at their boundaries: the first and last valid day count as valid.</summary>
public sealed class VisaRecordTests
{
    private static readonly DateOnly From = new(2027, 3, 1);
    private static readonly DateOnly Until = new(2027, 3, 30);
    private static readonly DateTimeOffset Noon = new(2027, 3, 10, 7, 0, 0, TimeSpan.Zero);

    private static readonly VisaRecord Visa = new(
        "1234567890", "app-1", "applicant-1", "inviter-1", "4000012345", "E12345678", "ZHANG", "WEI LING", "CHN",
        new DateOnly(1990, 1, 31), Sex.Female, VisaCategory.Business, From, Until, new DateOnly(2027, 2, 20), "EV1.k.p.s", "1234567890.pdf");

    [Theory]
    [Trait("Rule", "R1")]
    [InlineData("2027-02-28", "not-yet-valid")]
    [InlineData("2027-03-01", null)]
    [InlineData("2027-03-30", null)]
    [InlineData("2027-03-31", "expired")]
    public void Validity_counts_both_its_first_and_last_day(string today, string? reason)
    {
        var reasons = Visa.Refusals(DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture), "E12345678");
        Assert.Equal(reason is null ? [] : [reason], reasons);
    }

    [Theory]
    [Trait("Rule", "R10")]
    [InlineData("e12345678", true)]
    [InlineData(" E1234 5678 ", true)]
    [InlineData("E12345679", false)]
    [InlineData("E1234567", false)]
    public void The_presented_passport_must_be_the_visa_s(string presented, bool matches)
    {
        Assert.Equal(matches, !Visa.Refusals(From, presented).Contains(VisaReasons.PassportMismatch));
    }

    [Fact]
    [Trait("Rule", "R1")]
    public void Entered_is_usable_and_entered_and_exited_is_used()
    {
        var entered = Visa with { Entry = new VisaCrossing(Noon, "NQZ") };
        Assert.Empty(entered.Refusals(From, "E12345678"));
        Assert.Equal([VisaReasons.AlreadyUsed], (entered with { Exit = new VisaCrossing(Noon.AddDays(5), "ALA") }).Refusals(From, "E12345678"));
    }

    [Fact]
    [Trait("Rule", "R12")]
    public void A_revoked_or_expired_visa_exempts_nobody_from_registration()
    {
        Assert.True(Visa.ExemptsFromRegistration(Until));
        Assert.False(Visa.ExemptsFromRegistration(Until.AddDays(1)));
        Assert.False((Visa with { Revocation = new VisaRevocation(Noon, "passport-replaced", "applicant") }).ExemptsFromRegistration(From));
    }
}
