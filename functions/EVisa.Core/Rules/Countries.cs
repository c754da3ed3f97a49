using System.Collections.Frozen;

namespace EVisa.Core.Rules;

/// <summary>
/// R3: who may apply for which e-visa category. The two lists of the seed (docs/seed.txt),
/// mapped to ISO 3166-1 alpha-3 codes in one reviewed table, plus the full ISO 3166-1 set so that an unknown
/// code is told apart from a known but ineligible one.
/// </summary>
/// <remarks>Why: docs/decisions/0001-nationality-codes-are-iso-only.md (ICAO-only codes, territories).</remarks>
public static class Countries
{
    /// <summary>
    /// The tourist list of the seed: exactly 117 lines. The seed's two columns were OCR'd out of order; the
    /// numbering is the authority. Two lines are debris: "27 E;;;" sits between 36 Faroe Islands and the
    /// real "37.Fiji" further down, so it is a garbled copy of line 37 (line 27 is Côte d'Ivoire, present
    /// intact); "77 Nigor" is a garbled copy of "77.Niger", which follows intact. Both are dropped, not
    /// counted. Lines 104 and 105 have lost their numbers ("Togo", "Tonga") but sit in sequence between 103 and
    /// 106. Line 29 is split over two lines ("Democratic People's Republic of" / "Korea").
    /// </summary>
    public static readonly IReadOnlyList<SeedCountryEntry> TouristList =
    [
        new(1, "Algeria", "DZA"),
        new(2, "Andorra", "AND"),
        new(3, "Angola", "AGO"),
        new(4, "Antigua and Barbuda", "ATG"),
        new(5, "Aruba", "ABW"), // territory of the Netherlands with its own ISO code; see remarks on territories.
        new(6, "Bahamas", "BHS"),
        new(7, "Bahrain", "BHR"),
        new(8, "Bangladesh", "BGD"),
        new(9, "Barbados", "BRB"),
        new(10, "Belize", "BLZ"),
        new(11, "Benin", "BEN"),
        new(12, "Bhutan", "BTN"),
        new(13, "Bolivia", "BOL"), // ISO: "Bolivia, Plurinational State of".
        new(14, "Botswana", "BWA"),
        new(15, "Brunei Darussalam", "BRN"),
        new(16, "Burkina Faso - Upper Volta", "BFA"), // Upper Volta is the name before 1984 (old code HVO, withdrawn); today's state is Burkina Faso.
        new(17, "Burundi", "BDI"),
        new(18, "Cambodia", "KHM"),
        new(19, "Cameroon", "CMR"),
        new(20, "Central African Republic", "CAF"),
        new(21, "Chad", "TCD"),
        new(22, "China", "CHN"), // the People's Republic; Macao is listed separately (59), Hong Kong is not listed.
        new(23, "Colombia", "COL"),
        new(24, "Comoros", "COM"),
        new(25, "Congo (Republic)", "COG"), // "(Republic)" = Congo-Brazzaville, not the Democratic Republic (COD).
        new(26, "Costa Rica", "CRI"),
        new(27, "Côte d'Ivoire (Ivory Coast)", "CIV"),
        new(28, "Cuba", "CUB"),
        new(29, "Democratic People's Republic of Korea", "PRK"), // North Korea; split over two seed lines.
        new(30, "Djibouti", "DJI"),
        new(31, "Dominica", "DMA"), // not the Dominican Republic, which is line 32.
        new(32, "Dominican Republic", "DOM"),
        new(33, "El Salvador", "SLV"),
        new(34, "Eritrea", "ERI"),
        new(35, "Ethiopia", "ETH"),
        new(36, "Faroe Islands", "FRO"), // territory of Denmark with its own ISO code; see remarks on territories.
        new(37, "Fiji", "FJI"), // the seed also has the debris "27 E;;;" for this line; dropped.
        new(38, "Gabon", "GAB"),
        new(39, "Gambia", "GMB"),
        new(40, "Ghana", "GHA"),
        new(41, "Grenada", "GRD"),
        new(42, "Guatemala", "GTM"),
        new(43, "Guinea", "GIN"),
        new(44, "Guinea-Bissau", "GNB"),
        new(45, "Guyana", "GUY"),
        new(46, "Haiti", "HTI"),
        new(47, "Honduras", "HND"),
        new(48, "India", "IND"),
        new(49, "Indonesia", "IDN"),
        new(50, "Jamaica", "JAM"),
        new(51, "Kenya", "KEN"),
        new(52, "Kiribati", "KIR"),
        new(53, "Kuwait", "KWT"),
        new(54, "Laos", "LAO"), // ISO: "Lao People's Democratic Republic".
        new(55, "Lebanon", "LBN"),
        new(56, "Lesotho", "LSO"),
        new(57, "Liberia", "LBR"),
        new(58, "Liechtenstein", "LIE"),
        new(59, "Macao", "MAC"), // Special Administrative Region of China with its own ISO code; see remarks on territories.
        new(60, "Macedonia", "MKD"), // renamed North Macedonia in 2019; the ISO code MKD did not change.
        new(61, "Madagascar", "MDG"),
        new(62, "Malawi", "MWI"),
        new(63, "Maldives", "MDV"),
        new(64, "Mali", "MLI"),
        new(65, "Marshall Islands", "MHL"),
        new(66, "Mauritania", "MRT"),
        new(67, "Mauritius", "MUS"),
        new(68, "Micronesia", "FSM"), // the Federated States of Micronesia, the only state of that name.
        new(69, "Montenegro", "MNE"),
        new(70, "Morocco", "MAR"),
        new(71, "Mozambique", "MOZ"),
        new(72, "Myanmar (Burma)", "MMR"),
        new(73, "Namibia", "NAM"),
        new(74, "Nauru", "NRU"),
        new(75, "Nepal", "NPL"),
        new(76, "Nicaragua", "NIC"),
        new(77, "Niger", "NER"), // the seed also has the debris "77 Nigor" for this line; dropped. Not Nigeria (78).
        new(78, "Nigeria", "NGA"),
        new(79, "Oman", "OMN"),
        new(80, "Palau", "PLW"),
        new(81, "Panama", "PAN"),
        new(82, "Papua New Guinea", "PNG"),
        new(83, "Paraguay", "PRY"),
        new(84, "Peru", "PER"),
        new(85, "Philippines", "PHL"),
        new(86, "Qatar", "QAT"),
        new(87, "Rwanda", "RWA"),
        new(88, "Saint Kitts and Nevis", "KNA"),
        new(89, "Saint Lucia", "LCA"),
        new(90, "Saint Vincent and the Grenadines", "VCT"),
        new(91, "Samoa", "WSM"),
        new(92, "San Marino", "SMR"),
        new(93, "Sao Tome and Principe", "STP"),
        new(94, "Saudi Arabia", "SAU"),
        new(95, "Senegal", "SEN"),
        new(96, "Swaziland", "SWZ"), // renamed Eswatini in 2018; the ISO code SWZ did not change.
        new(97, "Seychelles", "SYC"),
        new(98, "Sierra Leone", "SLE"),
        new(99, "South Africa", "ZAF"),
        new(100, "Sri Lanka", "LKA"),
        new(101, "Suriname", "SUR"),
        new(102, "Tanzania", "TZA"),
        new(103, "Thailand", "THA"),
        new(104, "Togo", "TGO"), // number lost in the seed; position between 103 and 106.
        new(105, "Tonga", "TON"), // number lost in the seed; position between 103 and 106.
        new(106, "Trinidad and Tobago", "TTO"),
        new(107, "Tunisia", "TUN"),
        new(108, "Turkmenistan", "TKM"),
        new(109, "Tuvalu", "TUV"),
        new(110, "Uganda", "UGA"),
        new(111, "Uruguay", "URY"),
        new(112, "Vanuatu", "VUT"),
        new(113, "Vatican", "VAT"), // ISO: "Holy See (Vatican City State)"; the Holy See issues its passports under VAT.
        new(114, "Venezuela", "VEN"),
        new(115, "Viet Nam", "VNM"),
        new(116, "Zambia", "ZMB"),
        new(117, "Zimbabwe", "ZWE"),
    ];

    /// <summary>The business and medical treatment list of the seed: exactly 23 lines, intact.</summary>
    public static readonly IReadOnlyList<SeedCountryEntry> BusinessAndMedicalList =
    [
        new(1, "Bahamas", "BHS"),
        new(2, "Bermuda", "BMU"), // British Overseas Territory with its own ISO code; see remarks on territories.
        new(3, "Burundi", "BDI"),
        new(4, "Honduras", "HND"),
        new(5, "Greenland", "GRL"), // territory of Denmark with its own ISO code; see remarks on territories.
        new(6, "Indonesia", "IDN"),
        new(7, "Qatar", "QAT"),
        new(8, "Kuwait", "KWT"),
        new(9, "Laos", "LAO"),
        new(10, "Macao", "MAC"),
        new(11, "Morocco", "MAR"),
        new(12, "Vatican", "VAT"),
        // "Virgin Islands" is ambiguous. Decision: British (VGB). The US Virgin Islands are a US territory whose
        // people are US citizens on US passports (nationality USA), so VIR can never name anyone's nationality;
        // the British Virgin Islands issue their own territory passports through their Governor, and the list
        // names another British territory (Bermuda) beside it. Those passports carry nationality GBD, which we
        // do not map (see remarks), so an officer must still decide such an applicant by hand. Flag for review.
        new(13, "Virgin Islands", "VGB"),
        new(14, "Vietnam", "VNM"), // the same state as the tourist list's "Viet Nam" (115): one code, VNM.
        new(15, "Haiti", "HTI"),
        new(16, "Cambodia", "KHM"),
        new(17, "Cuba", "CUB"),
        new(18, "Macedonia", "MKD"), // North Macedonia since 2019; code unchanged.
        new(19, "Nicaragua", "NIC"),
        new(20, "Oman", "OMN"),
        new(21, "Serbia", "SRB"),
        new(22, "South Africa", "ZAF"),
        new(23, "Montenegro", "MNE"),
    ];

    private static readonly FrozenSet<string> Tourist = TouristList.Select(e => e.Code).ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> BusinessAndMedical =
        BusinessAndMedicalList.Select(e => e.Code).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>All 249 officially assigned ISO 3166-1 alpha-3 codes.</summary>
    public static IEnumerable<string> AllCodes => IsoCountries.EnglishNames.Keys;

    /// <summary>Whether the text is exactly a known upper-case alpha-3 code ("usa", "XXX" and "" are not).</summary>
    public static bool IsKnown(string code) => code is not null && IsoCountries.EnglishNames.ContainsKey(code);

    /// <summary>The ISO English short name of a country, e.g. "Eswatini" for SWZ.</summary>
    public static string EnglishName(CountryCode country) => IsoCountries.EnglishNames[country.Value];

    /// <summary>R3: the categories a citizen of this country may apply for, in the order of <see cref="VisaCategory"/>.</summary>
    public static IReadOnlyList<VisaCategory> EligibleCategories(CountryCode nationality)
    {
        var categories = new List<VisaCategory>(3);
        if (Tourist.Contains(nationality.Value))
            categories.Add(VisaCategory.Tourist);
        if (BusinessAndMedical.Contains(nationality.Value))
            categories.AddRange([VisaCategory.Business, VisaCategory.Medical]);
        return categories;
    }

    /// <summary>R3: whether a citizen of this country may apply for this category.</summary>
    public static bool IsEligible(CountryCode nationality, VisaCategory category) => category switch
    {
        VisaCategory.Tourist => Tourist.Contains(nationality.Value),
        VisaCategory.Business or VisaCategory.Medical => BusinessAndMedical.Contains(nationality.Value),
        _ => false,
    };
}
