using CsCheck;
using EVisa.Core.Documents;
using EVisa.Core.Rules;

namespace EVisa.Core.Tests.Documents;

[Trait("Rule", "R11")]
public sealed class VisaSealPropertyTests : IDisposable
{
    private const string NameChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZ '-.ÄÖÜÉÑaeiouҚӘӨҰҮҺІҒҢқәөұүһіғңАБВЖЩЯ汉字";
    private readonly VisaSigningKeys _keys = new(VisaSigningKey.Generate("prop"));

    public void Dispose() => _keys.Dispose();

    private static Gen<string> Text(int min, int max) => Gen.Char[NameChars].Array[min, max].Select(chars => new string(chars));

    private static Gen<string> Digits(int count) => Gen.Char['0', '9'].Array[count].Select(chars => new string(chars));

    private static readonly Gen<VisaSealData> Data = Gen.Select(
        Text(1, 40), Text(0, 40), Digits(9), Gen.OneOf("CHN", "IND", "QAT", "SRB"),
        Gen.DateOnly[new DateOnly(1920, 1, 1), new DateOnly(2026, 1, 1)], Gen.OneOf('M', 'F', 'X'), Gen.Enum<VisaCategory>(),
        Gen.DateOnly[new DateOnly(2026, 1, 1), new DateOnly(2030, 1, 1)], Gen.Int[0, 90], Digits(10),
        (surname, given, number, nationality, birth, sex, category, from, days, invitation) => new VisaSealData(
            "KZ" + number[..8], "P" + number, surname, given, nationality, birth, sex, category, from, from.AddDays(days), 1, invitation));

    [Fact]
    public void Any_visa_data_round_trips_and_any_one_character_change_is_rejected()
    {
        var signer = _keys.CreateSigner();
        var verifier = VisaSealVerifier.FromJwkSet(_keys.ToJwkSetJson());
        Data.Select(Gen.Int[0, 10_000])
            .Sample((data, position) =>
            {
                var seal = signer.Sign(data);
                var result = verifier.Verify(seal);
                Assert.True(result.IsValid, result.Reason);
                Assert.Equal(data, result.Data);

                var chars = seal.ToCharArray();
                var i = position % chars.Length;
                chars[i] = chars[i] == 'A' ? 'B' : 'A';
                Assert.False(verifier.Verify(new string(chars)).IsValid);
            }, iter: 300);
    }
}
