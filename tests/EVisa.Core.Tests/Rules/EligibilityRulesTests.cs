using EVisa.Core.Rules;

namespace EVisa.Core.Tests.Rules;

[Trait("Rule", "R3")]
public class EligibilityRulesTests
{
    [Theory]
    [InlineData("CHN", VisaCategory.Tourist, null)]
    [InlineData("CHN", VisaCategory.Business, RuleReasons.NationalityNotEligible)]
    [InlineData("SRB", VisaCategory.Medical, null)]
    [InlineData("SRB", VisaCategory.Tourist, RuleReasons.NationalityNotEligible)]
    [InlineData("DEU", VisaCategory.Tourist, RuleReasons.NationalityNotEligible)]
    [InlineData("XXX", VisaCategory.Tourist, RuleReasons.NationalityUnknown)]
    [InlineData("usa", VisaCategory.Tourist, RuleReasons.NationalityUnknown)]
    [InlineData("", VisaCategory.Tourist, RuleReasons.NationalityUnknown)]
    [InlineData(null, VisaCategory.Tourist, RuleReasons.NationalityUnknown)]
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
