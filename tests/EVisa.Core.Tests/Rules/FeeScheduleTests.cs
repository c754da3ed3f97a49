using CsCheck;
using EVisa.Core.Rules;

namespace EVisa.Core.Tests.Rules;

[Trait("Rule", "R5")]
public class FeeScheduleTests
{
    private static CountryCode Country(string code) => CountryCode.TryParse(code, out var country) ? country.Value : throw new ArgumentException(code);

    [Fact]
    public void The_default_table_charges_every_category_in_usd()
    {
        var schedule = new FeeSchedule(new FeeOptions());
        Assert.Equal("USD", schedule.Currency);
        foreach (var category in Enum.GetValues<VisaCategory>())
            Assert.Equal(new Money(8000, "USD"), schedule.FeeFor(category, Country("QAT")));
    }

    [Fact]
    public void A_nationality_override_wins_for_its_category_only()
    {
        var options = new FeeOptions
        {
            Currency = "KZT",
            ByCategory = new() { ["tourist"] = 2_000_000, ["business"] = 3_000_000, ["medical"] = 2_500_000 },
            Overrides = [new FeeOverride { Category = "business", Nationality = "SRB", AmountMinor = 0 }],
        };
        var schedule = new FeeSchedule(options);

        Assert.Equal(new Money(0, "KZT"), schedule.FeeFor(VisaCategory.Business, Country("SRB")));
        Assert.Equal(new Money(2_500_000, "KZT"), schedule.FeeFor(VisaCategory.Medical, Country("SRB")));
        Assert.Equal(new Money(3_000_000, "KZT"), schedule.FeeFor(VisaCategory.Business, Country("QAT")));
    }

    public static TheoryData<string, Action<FeeOptions>> BadTables => new()
    {
        { "currency", o => o.Currency = "usd" },
        { "missing category", o => o.ByCategory.Remove("medical") },
        { "unknown category", o => o.ByCategory["student"] = 100 },
        { "negative", o => o.ByCategory["tourist"] = -1 },
        { "override unknown country", o => o.Overrides.Add(new FeeOverride { Category = "tourist", Nationality = "XXX", AmountMinor = 1 }) },
        { "override unknown category", o => o.Overrides.Add(new FeeOverride { Category = "Tourist", Nationality = "QAT", AmountMinor = 1 }) },
        {
            "duplicate override", o => o.Overrides.AddRange(
            [
                new FeeOverride { Category = "tourist", Nationality = "QAT", AmountMinor = 1 },
                new FeeOverride { Category = "tourist", Nationality = "QAT", AmountMinor = 2 },
            ])
        },
    };

    [Theory]
    [MemberData(nameof(BadTables))]
    public void A_bad_table_fails_at_construction(string why, Action<FeeOptions> spoil)
    {
        var options = new FeeOptions();
        spoil(options);
        Assert.Throws<ArgumentException>(() => new FeeSchedule(options));
        Assert.NotEmpty(why);
    }

    [Fact]
    public void Money_is_whole_minor_units_and_prints_exactly() =>
        Gen.Long[0, 1_000_000_000_000].Sample(amount =>
        {
            var money = new Money(amount, "USD");
            Assert.Equal(amount, money.AmountMinor);
            Assert.Equal($"{amount / 100}.{amount % 100:D2} USD", money.ToString());
        });

    [Fact]
    public void Money_refuses_negative_amounts_and_bad_currencies()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Money(-1, "USD"));
        Assert.Throws<ArgumentException>(() => new Money(1, "US"));
        Assert.Throws<ArgumentException>(() => new Money(1, "usd"));
    }
}
