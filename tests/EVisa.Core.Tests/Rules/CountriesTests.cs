using EVisa.Core.Rules;

namespace EVisa.Core.Tests.Rules;

[Trait("Rule", "R3")]
public class CountriesTests
{
    private static IReadOnlyList<VisaCategory> Eligible(string code)
    {
        Assert.True(CountryCode.TryParse(code, out var country), code);
        return Countries.EligibleCategories(country.Value);
    }

    [Fact]
    public void The_tourist_list_has_exactly_117_distinct_known_codes_numbered_1_to_117()
    {
        Assert.Equal(117, Countries.TouristList.Count);
        Assert.Equal(Enumerable.Range(1, 117), Countries.TouristList.Select(e => e.Number));
        Assert.Equal(117, Countries.TouristList.Select(e => e.Code).Distinct().Count());
        Assert.All(Countries.TouristList, e => Assert.True(Countries.IsKnown(e.Code), e.Code));
    }

    [Fact]
    public void The_business_and_medical_list_has_exactly_23_distinct_known_codes()
    {
        Assert.Equal(23, Countries.BusinessAndMedicalList.Count);
        Assert.Equal(Enumerable.Range(1, 23), Countries.BusinessAndMedicalList.Select(e => e.Number));
        Assert.Equal(23, Countries.BusinessAndMedicalList.Select(e => e.Code).Distinct().Count());
        Assert.All(Countries.BusinessAndMedicalList, e => Assert.True(Countries.IsKnown(e.Code), e.Code));
    }

    [Fact]
    public void The_iso_set_has_all_249_officially_assigned_codes()
    {
        Assert.Equal(249, Countries.AllCodes.Count());
        Assert.All(Countries.AllCodes, c => Assert.Matches("^[A-Z]{3}$", c));
    }

    [Theory]
    [InlineData("XXX")]
    [InlineData("usa")]
    [InlineData("")]
    [InlineData("D<<")]
    [InlineData("D")]
    [InlineData("UTO")]
    [InlineData("XXA")]
    [InlineData("GBD")]
    [InlineData("UNO")]
    [InlineData("HVO")] // Upper Volta's withdrawn code
    [InlineData("USA ")]
    public void Unknown_codes_are_not_country_codes(string text)
    {
        Assert.False(Countries.IsKnown(text));
        Assert.False(CountryCode.TryParse(text, out _));
    }

    [Theory]
    [InlineData("DEU")]
    [InlineData("USA")]
    [InlineData("RUS")]
    [InlineData("KAZ")]
    [InlineData("VIR")] // US Virgin Islands: the business list's "Virgin Islands" is taken as British
    [InlineData("HKG")]
    [InlineData("COD")] // "Congo (Republic)" is COG, not the Democratic Republic
    [InlineData("NLD")]
    [InlineData("DNK")]
    public void Known_but_ineligible_countries_have_no_category(string code) => Assert.Empty(Eligible(code));

    [Theory]
    [InlineData("DZA")]
    [InlineData("CHN")]
    [InlineData("IND")]
    [InlineData("FJI")] // line 37, garbled once as "27 E;;;"
    [InlineData("NER")] // line 77, garbled once as "77 Nigor"
    [InlineData("NGA")]
    [InlineData("SWZ")] // Swaziland, now Eswatini
    [InlineData("BFA")] // Burkina Faso - Upper Volta
    [InlineData("ABW")] // Aruba
    [InlineData("FRO")] // Faroe Islands
    [InlineData("PRK")]
    [InlineData("CIV")]
    [InlineData("TGO")] // unnumbered line 104
    [InlineData("TON")] // unnumbered line 105
    [InlineData("ZWE")]
    [InlineData("COG")]
    public void Tourist_only_countries(string code) => Assert.Equal([VisaCategory.Tourist], Eligible(code));

    [Theory]
    [InlineData("BMU")] // Bermuda
    [InlineData("GRL")] // Greenland
    [InlineData("VGB")] // Virgin Islands, decided British
    [InlineData("SRB")]
    public void Business_and_medical_only_countries(string code) =>
        Assert.Equal([VisaCategory.Business, VisaCategory.Medical], Eligible(code));

    [Theory]
    [InlineData("VNM")] // "Viet Nam" and "Vietnam"
    [InlineData("MKD")] // Macedonia
    [InlineData("VAT")] // Vatican
    [InlineData("MAC")] // Macao
    [InlineData("QAT")]
    [InlineData("BHS")]
    [InlineData("MNE")]
    [InlineData("ZAF")]
    [InlineData("CUB")]
    public void Countries_on_both_lists_have_all_three_categories(string code) =>
        Assert.Equal([VisaCategory.Tourist, VisaCategory.Business, VisaCategory.Medical], Eligible(code));

    [Fact]
    public void Only_serbia_bermuda_greenland_and_the_british_virgin_islands_are_on_the_business_list_alone()
    {
        var tourist = Countries.TouristList.Select(e => e.Code).ToHashSet();
        var businessOnly = Countries.BusinessAndMedicalList.Select(e => e.Code).Where(c => !tourist.Contains(c)).Order();
        Assert.Equal(["BMU", "GRL", "SRB", "VGB"], businessOnly);
    }

    [Fact]
    public void Eligibility_agrees_with_the_lists_for_every_iso_code()
    {
        var tourist = Countries.TouristList.Select(e => e.Code).ToHashSet();
        var business = Countries.BusinessAndMedicalList.Select(e => e.Code).ToHashSet();
        foreach (var code in Countries.AllCodes)
        {
            Assert.True(CountryCode.TryParse(code, out var country));
            var categories = Countries.EligibleCategories(country.Value);
            Assert.Equal(tourist.Contains(code), categories.Contains(VisaCategory.Tourist));
            Assert.Equal(business.Contains(code), categories.Contains(VisaCategory.Business));
            Assert.Equal(business.Contains(code), categories.Contains(VisaCategory.Medical));
            foreach (var category in Enum.GetValues<VisaCategory>())
                Assert.Equal(categories.Contains(category), Countries.IsEligible(country.Value, category));
        }
    }

    [Fact]
    public void English_names_are_the_current_iso_names()
    {
        Assert.True(CountryCode.TryParse("SWZ", out var eswatini));
        Assert.Equal("Eswatini", Countries.EnglishName(eswatini.Value));
        Assert.True(CountryCode.TryParse("MKD", out var macedonia));
        Assert.Equal("North Macedonia", Countries.EnglishName(macedonia.Value));
        Assert.True(CountryCode.TryParse("VGB", out var bvi));
        Assert.Equal("Virgin Islands, British", Countries.EnglishName(bvi.Value));
    }

    [Fact]
    public void The_mrz_code_for_germany_maps_to_deu_and_back()
    {
        Assert.Equal("DEU", MrzNationality.ToIso("D<<"));
        Assert.Equal("D<<", MrzNationality.ToMrz("DEU"));
        Assert.Equal("XXA", MrzNationality.ToIso("XXA"));
        Assert.Equal("QAT", MrzNationality.ToMrz("QAT"));
    }
}
