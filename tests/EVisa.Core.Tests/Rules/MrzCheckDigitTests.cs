using CsCheck;
using EVisa.Core.Rules;

namespace EVisa.Core.Tests.Rules;

[Trait("Rule", "R9.1")]
public class MrzCheckDigitTests
{
    [Theory]
    [InlineData("L898902C3", 6)] // ICAO specimen document number
    [InlineData("740812", 2)]    // specimen birth date
    [InlineData("120415", 9)]    // specimen expiry
    [InlineData("ZE184226B<<<<<", 1)]
    [InlineData("L898902C3674081221204159ZE184226B<<<<<1", 0)] // the composite: number, birth, expiry, personal fields
    [InlineData("<<<<<<<<<<<<<<", 0)]
    [InlineData("", 0)]
    public void Computes_the_icao_check_digits(string field, int expected) =>
        Assert.Equal(expected, MrzCheckDigit.Compute(field));

    [Fact]
    public void Characters_outside_the_mrz_alphabet_are_rejected() =>
        Assert.Throws<ArgumentException>(() => MrzCheckDigit.Compute("ab1"));

    [Fact]
    public void Changing_any_one_digit_of_a_numeric_field_changes_its_check_digit() =>
        // Weights 7, 3 and 1 are all prime to 10, so no single-digit change goes unseen (dates, numbers).
        (from digits in Gen.String[Gen.Char["0123456789"], 1, 14]
         from position in Gen.Int[0, digits.Length - 1]
         from replacement in Gen.Char["0123456789"].Where(c => c != digits[position])
         select (digits, position, replacement))
        .Sample(t =>
        {
            var changed = t.digits.ToCharArray();
            changed[t.position] = t.replacement;
            Assert.NotEqual(MrzCheckDigit.Compute(t.digits), MrzCheckDigit.Compute(changed));
        });
}
