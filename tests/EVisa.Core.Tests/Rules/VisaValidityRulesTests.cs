using System.Globalization;
using CsCheck;
using EVisa.Core.Rules;

namespace EVisa.Core.Tests.Rules;

[Trait("Rule", "R1")]
public class VisaValidityRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);
    private static readonly VisaValidityOptions Defaults = new();

    [Fact]
    public void A_visa_runs_from_the_entry_to_the_exit_date_with_one_entry()
    {
        var outcome = VisaValidityRules.FromInvitation(new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 10), Today, Defaults);

        Assert.True(outcome.IsAccepted);
        Assert.Equal(new DateOnly(2026, 12, 1), outcome.Value.ValidFrom);
        Assert.Equal(new DateOnly(2026, 12, 10), outcome.Value.ValidUntil);
        Assert.Equal(1, outcome.Value.Entries);
        Assert.Equal(10, outcome.Value.StayDays);
        Assert.True(outcome.Value.Covers(new DateOnly(2026, 12, 10)));
        Assert.False(outcome.Value.Covers(new DateOnly(2026, 12, 11)));
        Assert.Empty(outcome.Violations);
    }

    [Theory]
    [InlineData("2026-11-25", "2026-11-25", null)]                            // entry today, one day
    [InlineData("2026-12-01", "2026-12-30", null)]                            // 30 days, both ends counted
    [InlineData("2026-12-01", "2026-12-31", RuleReasons.VisaStayTooLong)]     // 31 days
    [InlineData("2026-11-24", "2026-11-30", RuleReasons.VisaEntryInPast)]
    [InlineData("2026-12-10", "2026-12-09", RuleReasons.VisaExitBeforeEntry)]
    public void Refuses_past_reversed_and_too_long_stays(string entry, string exit, string? reason)
    {
        var outcome = VisaValidityRules.FromInvitation(DateOnly.Parse(entry, CultureInfo.InvariantCulture), DateOnly.Parse(exit, CultureInfo.InvariantCulture), Today, Defaults);
        if (reason is null)
            Assert.True(outcome.IsAccepted);
        else
            Assert.Equal([reason], outcome.Violations.Select(v => v.Code));
    }

    [Fact]
    public void Reports_a_past_entry_and_a_too_long_stay_together()
    {
        var outcome = VisaValidityRules.FromInvitation(new DateOnly(2026, 11, 1), new DateOnly(2026, 12, 31), Today, Defaults);
        Assert.False(outcome.IsAccepted);
        Assert.Null(outcome.Value);
        Assert.Equal([RuleReasons.VisaEntryInPast, RuleReasons.VisaStayTooLong], outcome.Violations.Select(v => v.Code));
    }

    [Fact]
    public void The_maximum_stay_is_configuration()
    {
        var options = new VisaValidityOptions { MaxStayDays = 10 };
        Assert.False(VisaValidityRules.FromInvitation(new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 11), Today, options).IsAccepted);
        Assert.True(VisaValidityRules.FromInvitation(new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 10), Today, options).IsAccepted);
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            VisaValidityRules.FromInvitation(Today, Today, Today, new VisaValidityOptions { MaxStayDays = 0 }));
    }

    [Fact]
    public void Accepted_exactly_when_not_past_not_reversed_and_not_too_long() =>
        (from entryShift in Gen.Int[-10, 60]
         from length in Gen.Int[-5, 60]
         from max in Gen.Int[1, 45]
         select (entryShift, length, max))
        .Sample(t =>
        {
            var entry = Today.AddDays(t.entryShift);
            var exit = entry.AddDays(t.length);
            var outcome = VisaValidityRules.FromInvitation(entry, exit, Today, new VisaValidityOptions { MaxStayDays = t.max });
            var expected = t.entryShift >= 0 && t.length >= 0 && t.length + 1 <= t.max;
            Assert.Equal(expected, outcome.IsAccepted);
            Assert.Equal(expected, outcome.Violations.Count == 0);
            if (outcome.IsAccepted)
                Assert.True(outcome.Value.StayDays <= t.max && outcome.Value.ValidFrom >= Today);
        });
}
