using EVisa.Core.Rules;

namespace EVisa.Core.Tests.Rules;

[Trait("Rule", "R11")]
public class MrvATests
{
    [Fact]
    public void Reproduces_the_icao_mrv_a_specimen()
    {
        // ICAO 9303 Part 7 specimen visa of Utopia for ERIKSSON ANNA MARIA (nationality XXX), valid to 10 Dec 1996.
        var data = new MrvAData("L8988901C", "Eriksson", "Anna Maria", "XXX", new DateOnly(1940, 9, 7), Sex.Female,
            new DateOnly(1996, 12, 10), "6ZE184226B");

        var lines = MrvA.Compose(data, "UTO");

        Assert.Equal("V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", lines.Line1);
        Assert.Equal("L8988901C4XXX4009078F96121096ZE184226B<<<<<<", lines.Line2);
    }

    [Fact]
    public void Writes_a_kazakh_visa_with_check_digits_and_optional_data()
    {
        var data = new MrvAData("ab1234567", "Dupont-Martin", "Marie Claire", "DEU", new DateOnly(1985, 4, 2), Sex.Female,
            new DateOnly(2026, 12, 25), "KZ0000123");

        var lines = MrvA.Write(data);

        Assert.Equal(44, lines.Line1.Length);
        Assert.Equal(44, lines.Line2.Length);
        Assert.Equal("V<KAZDUPONT<MARTIN<<MARIE<CLAIRE".PadRight(44, '<'), lines.Line1);
        Assert.Equal("AB1234567", lines.Line2[..9]);
        Assert.Equal(MrzCheckDigit.ComputeChar("AB1234567"), lines.Line2[9]);
        Assert.Equal("D<<", lines.Line2[10..13]);
        Assert.Equal("850402", lines.Line2[13..19]);
        Assert.Equal(MrzCheckDigit.ComputeChar("850402"), lines.Line2[19]);
        Assert.Equal('F', lines.Line2[20]);
        Assert.Equal("261225", lines.Line2[21..27]);
        Assert.Equal(MrzCheckDigit.ComputeChar("261225"), lines.Line2[27]);
        Assert.Equal("KZ0000123<<<<<<<", lines.Line2[28..]);
    }

    [Theory]
    [InlineData("AB12345678", "Smith", "QAT", "")]   // number too long
    [InlineData("AB1234567", "Müller", "QAT", "")]   // not Latin
    [InlineData("AB1234567", "Smith", "XXX", "")]    // not ISO
    [InlineData("AB1234567", "Smith", "QAT", "12345678901234567")] // optional data too long
    [InlineData("AB1234567", "Smith", "QAT", "a-b")] // not MRZ text
    public void Refuses_data_that_was_not_checked(string number, string surname, string nationality, string optional) =>
        Assert.Throws<ArgumentException>(() => MrvA.Write(new MrvAData(number, surname, "", nationality,
            new DateOnly(1985, 4, 2), Sex.Male, new DateOnly(2026, 12, 25), optional)));
}
