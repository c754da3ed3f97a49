using System.Globalization;
using CsCheck;
using EVisa.Core.Rules;

namespace EVisa.Core.Tests.Rules;

public class PassportRulesTests
{
    private static readonly PassportRuleOptions Defaults = new();

    private static IReadOnlyList<RuleViolation> Check(PassportDetails passport, PassportRuleOptions? options = null) =>
        PassportRules.Check(passport, PassportSamples.VisaEnd, PassportSamples.Today, options ?? Defaults);

    private static IEnumerable<string> Codes(PassportDetails passport, PassportRuleOptions? options = null) =>
        Check(passport, options).Select(v => v.Code);

    [Fact]
    public void A_valid_passport_passes() => Assert.Empty(Check(PassportSamples.Valid()));

    [Fact]
    [Trait("Rule", "R10")]
    public void A_valid_passport_with_its_own_mrz_passes() => Assert.Empty(Check(PassportSamples.ValidWithMrz()));

    [Theory]
    [Trait("Rule", "R9.2")]
    [InlineData(0, false)]
    [InlineData(1, false)]
    [InlineData(2, true)]
    [InlineData(3, true)]
    public void At_least_two_blank_pages(int pages, bool accepted) =>
        Assert.Equal(!accepted, Codes(PassportSamples.Valid() with { BlankPages = pages }).Contains(RuleReasons.PassportTooFewBlankPages));

    [Theory]
    [Trait("Rule", "R9.3")]
    [InlineData("2027-03-24", false)]
    [InlineData("2027-03-25", true)] // exactly 3 months after the visa's end: "not earlier than"
    [InlineData("2027-03-26", true)]
    public void Expires_no_earlier_than_three_months_after_the_visa(string expiry, bool accepted) =>
        Assert.Equal(!accepted, Codes(PassportSamples.Valid() with { ExpiryDate = DateOnly.Parse(expiry, CultureInfo.InvariantCulture) }).Contains(RuleReasons.PassportExpiresTooSoon));

    [Fact]
    [Trait("Rule", "R9.3")]
    public void The_margin_is_configuration()
    {
        var passport = PassportSamples.Valid() with { ExpiryDate = new DateOnly(2027, 4, 1) };
        Assert.Empty(Check(passport));
        Assert.Contains(RuleReasons.PassportExpiresTooSoon, Codes(passport, new PassportRuleOptions { ExpiryMarginMonths = 6 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Check(passport, new PassportRuleOptions { ExpiryMarginMonths = -1 }));
    }

    [Theory]
    [Trait("Rule", "R9.4")]
    [InlineData(PassportValidityExtension.NotExtended, true)]
    [InlineData(PassportValidityExtension.ExtendedAndMarked, true)]
    [InlineData(PassportValidityExtension.ExtendedWithoutMark, false)]
    public void An_extended_passport_carries_the_mark(PassportValidityExtension extension, bool accepted) =>
        Assert.Equal(!accepted, Codes(PassportSamples.Valid() with { Extension = extension }).Contains(RuleReasons.PassportExtensionNotMarked));

    [Theory]
    [Trait("Rule", "R9.1")]
    [InlineData(true, false, false)]
    [InlineData(false, true, false)]
    [InlineData(false, false, true)]
    public void A_damaged_passport_is_refused(bool records, bool erasures, bool torn) =>
        Assert.Equal([RuleReasons.PassportDamaged],
            Codes(PassportSamples.Valid() with { Condition = new PassportConditionDeclaration(records, erasures, torn) }));

    [Fact]
    [Trait("Rule", "R9.1")]
    public void An_undeclared_condition_is_refused() =>
        Assert.Equal([RuleReasons.PassportConditionNotDeclared], Codes(PassportSamples.Valid() with { Condition = null }));

    [Theory]
    [Trait("Rule", "R10")]
    [InlineData("")]
    [InlineData("AB12345678")]
    [InlineData("AB.12345")]
    [InlineData("AB/1234")]
    [InlineData("ÄB12345")]
    [InlineData(" - ")]
    public void A_malformed_number_is_refused(string number) =>
        Assert.Equal([RuleReasons.PassportNumberMalformed], Codes(PassportSamples.Valid() with { Number = number }));

    // The spaces and hyphens people type between a number's groups are not part of it (one PassportNumber everywhere).
    [Theory]
    [Trait("Rule", "R10")]
    [InlineData("AB 1234567")]
    [InlineData("AB-1234567")]
    [InlineData(" ab1234567 ")]
    public void A_number_typed_with_spaces_or_hyphens_between_its_groups_is_accepted(string number) =>
        Assert.Empty(Check(PassportSamples.Valid() with { Number = number }));

    [Fact]
    [Trait("Rule", "R10")]
    public void A_lower_case_number_is_accepted() => Assert.Empty(Check(PassportSamples.Valid() with { Number = "ab1234567" }));

    [Theory]
    [Trait("Rule", "R10")]
    [InlineData("Müller", "Hans", "surname")]
    [InlineData("", "Hans", "surname")]
    [InlineData("  ", "Hans", "surname")]
    [InlineData("Иванов", "Hans", "surname")]
    [InlineData("Smith", "José", "givenNames")]
    [InlineData("Smith", "J.", "givenNames")]
    public void Names_must_be_in_latin_letters_as_in_the_mrz(string surname, string given, string field)
    {
        var violations = Check(PassportSamples.Valid() with { Surname = surname, GivenNames = given });
        var violation = Assert.Single(violations);
        Assert.Equal(RuleReasons.PassportNameMalformed, violation.Code);
        Assert.Equal(field, violation.Field);
    }

    [Fact]
    [Trait("Rule", "R10")]
    public void A_single_name_with_no_given_names_is_accepted() =>
        Assert.Empty(Check(PassportSamples.Valid() with { GivenNames = "" }));

    [Theory]
    [Trait("Rule", "R10")]
    [InlineData("usa", "QAT", RuleReasons.PassportNationalityUnknown)]
    [InlineData("XXA", "QAT", RuleReasons.PassportNationalityUnknown)]
    [InlineData("QAT", "D", RuleReasons.PassportIssuingStateUnknown)]
    public void Countries_must_be_iso_codes(string nationality, string issuer, string code) =>
        Assert.Equal([code], Codes(PassportSamples.Valid() with { Nationality = nationality, IssuingState = issuer }));

    [Theory]
    [Trait("Rule", "R10")]
    [InlineData("2020-01-15", "2020-01-15", "2030-01-14")] // born on the issue day
    [InlineData("1985-04-02", "2030-01-14", "2030-01-14")] // issued on expiry
    [InlineData("2021-01-01", "2020-01-15", "2030-01-14")] // born after issue
    public void Dates_must_be_in_order(string birth, string issue, string expiry)
    {
        var passport = PassportSamples.Valid() with
        {
            DateOfBirth = DateOnly.Parse(birth, CultureInfo.InvariantCulture),
            IssueDate = DateOnly.Parse(issue, CultureInfo.InvariantCulture),
            ExpiryDate = DateOnly.Parse(expiry, CultureInfo.InvariantCulture),
        };
        Assert.Contains(RuleReasons.PassportDatesOutOfOrder, Codes(passport));
    }

    [Fact]
    [Trait("Rule", "R10")]
    public void The_issue_date_is_not_in_the_future()
    {
        Assert.Empty(Check(PassportSamples.Valid() with { IssueDate = PassportSamples.Today }));
        // One day of grace for passports issued east of Astana, where it is already tomorrow.
        Assert.Empty(Check(PassportSamples.Valid() with { IssueDate = PassportSamples.Today.AddDays(1) }));
        Assert.Equal([RuleReasons.PassportIssuedInFuture],
            Codes(PassportSamples.Valid() with { IssueDate = PassportSamples.Today.AddDays(2) }));
    }

    [Fact]
    [Trait("Rule", "R10")]
    public void A_mrz_that_disagrees_with_the_typed_data_is_refused()
    {
        var passport = PassportSamples.ValidWithMrz() with { GivenNames = "Marie" };
        var violation = Assert.Single(Check(passport));
        Assert.Equal(RuleReasons.MrzMismatch, violation.Code);
        Assert.Equal("name", violation.Field);
        Assert.Equal("R10", violation.Rule);
    }

    [Fact]
    [Trait("Rule", "R9.1")]
    public void A_mrz_with_a_failed_check_digit_is_refused()
    {
        var passport = PassportSamples.ValidWithMrz();
        var line2 = passport.Mrz!.Line2;
        var broken = passport with { Mrz = passport.Mrz with { Line2 = line2[..43] + (char)('0' + (line2[43] - '0' + 1) % 10) } };
        Assert.Equal([RuleReasons.MrzCheckDigitFailed], Codes(broken));
    }

    [Fact]
    [Trait("Rule", "R9.1")]
    public void A_garbled_mrz_is_refused() =>
        Assert.Equal([RuleReasons.MrzMalformed], Codes(PassportSamples.Valid() with { Mrz = new MrzLines("P<QAT", "garbage") }));

    [Fact]
    [Trait("Rule", "R9.1")]
    [Trait("Rule", "R9.2")]
    [Trait("Rule", "R9.3")]
    [Trait("Rule", "R9.4")]
    [Trait("Rule", "R10")]
    public void Every_failure_is_reported_at_once()
    {
        var passport = PassportSamples.ValidWithMrz() with
        {
            Number = "AB.1",
            Surname = "Müller",
            Nationality = "usa",
            IssuingState = "",
            IssueDate = PassportSamples.Today.AddDays(2),
            ExpiryDate = PassportSamples.Today.AddDays(3),
            BlankPages = 1,
            Condition = null,
            Extension = PassportValidityExtension.ExtendedWithoutMark,
        };

        var codes = Codes(passport).ToHashSet();

        Assert.Superset(
            new HashSet<string>
            {
                RuleReasons.PassportNumberMalformed, RuleReasons.PassportNameMalformed, RuleReasons.PassportNationalityUnknown,
                RuleReasons.PassportIssuingStateUnknown, RuleReasons.PassportIssuedInFuture, RuleReasons.PassportTooFewBlankPages,
                RuleReasons.PassportExpiresTooSoon, RuleReasons.PassportConditionNotDeclared, RuleReasons.PassportExtensionNotMarked,
                RuleReasons.MrzMismatch,
            },
            codes);
    }

    [Fact]
    public void Reason_codes_are_kebab_case_rule_ids_are_named_and_messages_are_present() =>
        (from blankPages in Gen.Int[-1, 3]
         from margin in Gen.Int[0, 12]
         from extension in Gen.Int[0, 2]
         from expiryShift in Gen.Int[-400, 400]
         select (blankPages, margin, extension, expiryShift))
        .Sample(t =>
        {
            var passport = PassportSamples.Valid() with
            {
                BlankPages = t.blankPages,
                Extension = (PassportValidityExtension)t.extension,
                ExpiryDate = PassportSamples.VisaEnd.AddDays(t.expiryShift),
            };
            var options = new PassportRuleOptions { ExpiryMarginMonths = t.margin };
            var violations = Check(passport, options);
            Assert.All(violations, v =>
            {
                Assert.Matches("^[a-z]+(-[a-z0-9]+)+$", v.Code);
                Assert.Matches(@"^R\d+(\.\d+)?$", v.Rule);
                Assert.False(string.IsNullOrWhiteSpace(v.Message));
            });
            // The outcome of each rule is exactly its condition, whatever else fails.
            Assert.Equal(t.blankPages < 2, violations.Any(v => v.Code == RuleReasons.PassportTooFewBlankPages));
            Assert.Equal(passport.ExpiryDate < PassportSamples.VisaEnd.AddMonths(t.margin), violations.Any(v => v.Code == RuleReasons.PassportExpiresTooSoon));
            Assert.Equal(t.extension == 2, violations.Any(v => v.Code == RuleReasons.PassportExtensionNotMarked));
        });
}
