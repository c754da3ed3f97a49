using EVisa.Core.Rules;

namespace EVisa.Core.Tests.Rules;

[Trait("Rule", "R3")]
public class EligibilityRulesTests
{
    [Theory]
    [InlineData("CHN", VisaCategory.Tourist, null)]
    [InlineData("CHN", VisaCategory.Business, ReasonCodes.NationalityNotEligible)]
    [InlineData("SRB", VisaCategory.Medical, null)]
    [InlineData("SRB", VisaCategory.Tourist, ReasonCodes.NationalityNotEligible)]
    [InlineData("DEU", VisaCategory.Tourist, ReasonCodes.NationalityNotEligible)]
    [InlineData("XXX", VisaCategory.Tourist, ReasonCodes.NationalityUnknown)]
    [InlineData("usa", VisaCategory.Tourist, ReasonCodes.NationalityUnknown)]
    [InlineData("", VisaCategory.Tourist, ReasonCodes.NationalityUnknown)]
    [InlineData(null, VisaCategory.Tourist, ReasonCodes.NationalityUnknown)]
    public void Refuses_unknown_and_unlisted_nationalities(string? nationality, VisaCategory category, string? reason)
    {
        var violations = EligibilityRules.Check(nationality, category);
        if (reason is null)
            Assert.Empty(violations);
        else
            Assert.Equal([reason], violations.Select(v => v.Code));
    }

    [Fact]
    public void The_refusal_names_the_country_and_category() =>
        Assert.Equal("Citizens of Germany cannot get a tourist e-visa.", Assert.Single(EligibilityRules.Check("DEU", VisaCategory.Tourist)).Message);
}
